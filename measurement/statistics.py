"""Honest statistics for survey indicators: intervals, tests, and a plain word when the data cannot say.

Pure Python (the standard library's NormalDist, and Student's t through the regularised incomplete beta
function), checked against scipy in the tests.
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)
MIN_N = 30
MIN_EXPECTED = 5


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a proportion."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_interval(x1: int, n1: int, x2: int, n2: int, z: float = Z95) -> tuple[float, float]:
    """Newcombe's hybrid score interval for the difference p2 - p1 of two independent proportions."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1, z)
    l2, u2 = wilson_interval(x2, n2, z)
    difference = p2 - p1
    return (
        difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2),
        difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2),
    )


def two_proportion_z_test(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """The pooled two-proportion z-test: (z, two-sided p)."""
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 0.0, 1.0
    z = (x2 / n2 - x1 / n1) / se
    return z, 2 * (1 - NormalDist().cdf(abs(z)))


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (Lentz's method)."""
    tiny, qab, qap, qam = 1e-300, a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    """Student's t distribution function."""
    x = df / (df + t * t)
    tail = 0.5 * _incomplete_beta(df / 2, 0.5, x)
    return 1 - tail if t >= 0 else tail


def t_quantile(probability: float, df: float) -> float:
    """The inverse of ``t_cdf``, by bisection (plenty fast for a handful of intervals)."""
    low, high = -1000.0, 1000.0
    for _ in range(200):
        middle = (low + high) / 2
        if t_cdf(middle, df) < probability:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def mean_interval(mean: float, sd: float, n: int) -> tuple[float, float]:
    half = t_quantile(0.975, n - 1) * sd / math.sqrt(n)
    return mean - half, mean + half


def welch_test(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int) -> tuple[float, float, float]:
    """Welch's t-test on summary statistics: (t, degrees of freedom, two-sided p)."""
    v1, v2 = sd1 * sd1 / n1, sd2 * sd2 / n2
    se = math.sqrt(v1 + v2)
    if se == 0:
        return 0.0, float(n1 + n2 - 2), 1.0
    t = (mean2 - mean1) / se
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    return t, df, 2 * (1 - t_cdf(abs(t), df))


def welch_interval(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int) -> tuple[float, float]:
    """95 % interval for mean2 - mean1 with Welch's degrees of freedom."""
    _, df, _ = welch_test(mean1, sd1, n1, mean2, sd2, n2)
    half = t_quantile(0.975, df) * math.sqrt(sd1 * sd1 / n1 + sd2 * sd2 / n2)
    return mean2 - mean1 - half, mean2 - mean1 + half


@dataclass(frozen=True)
class Change:
    """A change between two waves, with what can honestly be said about it."""

    difference: float
    low: float
    high: float
    p: float | None
    too_small: bool

    @property
    def significant(self) -> bool:
        return not self.too_small and self.p is not None and self.p < 0.05


def proportion_change(x1: int, n1: int, x2: int, n2: int) -> Change:
    low, high = newcombe_interval(x1, n1, x2, n2)
    pooled = (x1 + x2) / (n1 + n2)
    expected = min(n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled))
    too_small = min(n1, n2) < MIN_N or expected < MIN_EXPECTED
    return Change(x2 / n2 - x1 / n1, low, high, two_proportion_z_test(x1, n1, x2, n2)[1], too_small)


def mean_change(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int) -> Change:
    low, high = welch_interval(mean1, sd1, n1, mean2, sd2, n2)
    _, _, p = welch_test(mean1, sd1, n1, mean2, sd2, n2)
    return Change(mean2 - mean1, low, high, p, min(n1, n2) < MIN_N)
