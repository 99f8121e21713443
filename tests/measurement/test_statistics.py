"""Our statistics against scipy's (a test dependency only)."""

import math

import pytest
from scipy import stats

from measurement import statistics as ours


@pytest.mark.parametrize(("x", "n"), [(0, 10), (3, 10), (50, 100), (412, 1000), (999, 1000)])
def test_wilson_interval_matches_scipy(x, n):
    expected = stats.binomtest(x, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert ours.wilson_interval(x, n) == pytest.approx((expected.low, expected.high), abs=1e-9)


@pytest.mark.parametrize(("x1", "n1", "x2", "n2"), [(40, 200, 60, 210), (120, 400, 118, 380), (5, 40, 15, 45)])
def test_two_proportion_z_test_matches_scipy(x1, n1, x2, n2):
    z, p = ours.two_proportion_z_test(x1, n1, x2, n2)
    # the pooled z-test is the chi-square test of the 2x2 table without continuity correction: z² = chi²
    chi2, expected_p, _, _ = stats.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)
    assert z * z == pytest.approx(chi2, rel=1e-9)
    assert p == pytest.approx(expected_p, rel=1e-9)


@pytest.mark.parametrize("df", [1, 2.5, 7, 29, 120])
@pytest.mark.parametrize("t", [-3.2, -0.4, 0.0, 1.1, 2.7])
def test_t_distribution_matches_scipy(t, df):
    assert ours.t_cdf(t, df) == pytest.approx(stats.t.cdf(t, df), abs=1e-10)


@pytest.mark.parametrize("df", [3, 29, 200])
def test_t_quantile_matches_scipy(df):
    assert ours.t_quantile(0.975, df) == pytest.approx(stats.t.ppf(0.975, df), abs=1e-8)


@pytest.mark.parametrize(
    ("m1", "s1", "n1", "m2", "s2", "n2"), [(3.1, 1.2, 40, 3.5, 0.9, 55), (70.0, 12.0, 12, 64.0, 20.0, 9)]
)
def test_welch_test_and_interval_match_scipy(m1, s1, n1, m2, s2, n2):
    t, df, p = ours.welch_test(m1, s1, n1, m2, s2, n2)
    expected = stats.ttest_ind_from_stats(m2, s2, n2, m1, s1, n1, equal_var=False)
    assert (t, p) == pytest.approx((expected.statistic, expected.pvalue), rel=1e-8)
    half = stats.t.ppf(0.975, df) * math.sqrt(s1**2 / n1 + s2**2 / n2)
    assert ours.welch_interval(m1, s1, n1, m2, s2, n2) == pytest.approx((m2 - m1 - half, m2 - m1 + half), rel=1e-8)


def test_mean_interval_matches_scipy():
    low, high = stats.t.interval(0.95, 24, loc=5.0, scale=2.0 / 5)
    assert ours.mean_interval(5.0, 2.0, 25) == pytest.approx((low, high), rel=1e-9)


def test_small_changes_in_small_samples_are_called_too_small_to_say():
    change = ours.proportion_change(3, 20, 6, 22)
    assert change.too_small
    assert not change.significant
    big = ours.proportion_change(300, 1000, 360, 1000)
    assert (big.too_small, big.significant) == (False, True)
    assert big.low < big.difference < big.high
    rare = ours.proportion_change(1, 200, 3, 200)  # expected counts below 5
    assert rare.too_small
