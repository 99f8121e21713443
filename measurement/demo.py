"""Survey indicators for the demo. The seeds hold no survey figures: every value here is made up, and the
indicators are marked illustrative, which every page that shows them says."""

import datetime
from functools import partial

from core.upsert import upsert_through

from .models import ALL, Indicator
from .services import indicator_save, observation_save, survey_save, wave_save

# (name, polarity, target, [(wave, n, share) ...] for "all", and per group)
HELSINGOR = [
    ("Andel overvægtige elever", Indicator.Polarity.LOWER, 0.15, [(410, 0.21), (395, 0.20), (402, 0.18)]),
    ("Andel elever der trives", Indicator.Polarity.HIGHER, 0.85, [(410, 0.78), (395, 0.80), (402, 0.83)]),
    ("Andel der bevæger sig regelmæssigt", Indicator.Polarity.HIGHER, 0.70, [(410, 0.55), (395, 0.58), (402, 0.57)]),
    ("Andel der spiser morgenmad", Indicator.Polarity.HIGHER, 0.90, [(410, 0.74), (395, 0.79), (402, 0.84)]),
]
LEJRE = [
    ("Andel børn der trives", Indicator.Polarity.HIGHER, 0.90, [(1850, 0.86), (1790, 0.87), (1820, 0.87)]),
    (
        "Andel børn der ofte føler sig ensomme",
        Indicator.Polarity.LOWER,
        0.05,
        [(1850, 0.08), (1790, 0.075), (1820, 0.07)],
    ),
]
# groups are written "breakdown: value", as the raw responses import writes them
GROUPS = {
    "helsingor-et-lettere-liv": [("skole: Skolen ved Rønnebær Allé", 0.4)],
    "lejre-dig": [("skole: Kr. Såby Skole", 0.1)],
}
SURVEYS = {
    "helsingor-et-lettere-liv": ("Sundheds- og trivselsmåling (illustrativ)", "Helsingør Kommune"),
    "lejre-dig": ("Trivselsundersøgelse (illustrativ)", "VIVE"),
}


def demo_measurement(initiatives) -> None:
    """Load the demo surveys and indicators through the services, writing only what differs (twice: nothing the
    second time)."""
    for slug, indicators in (("helsingor-et-lettere-liv", HELSINGOR), ("lejre-dig", LEJRE)):
        initiative = initiatives[slug]
        name, owner = SURVEYS[slug]
        # upsert_through's own ``name`` keyword names the object: the service's ``name`` is bound beforehand (the
        # object is found by it, so it never differs)
        survey, _ = upsert_through(
            partial(survey_save, name=name), existing=initiative.surveys.filter(name=name).first(), name="survey",
            initiative=initiative, owner=owner,
        )  # fmt: skip
        waves = [
            upsert_through(
                partial(wave_save, name=str(year)),
                existing=survey.waves.filter(name=str(year)).first(),
                name="wave",
                initiative=initiative,
                survey=survey,
                held_on=datetime.date(year, 3, 1),
            )[0]  # fmt: skip
            for year in (2017, 2018, 2019)
        ]
        for indicator_name, polarity, target, values in indicators:
            indicator, _ = upsert_through(
                partial(indicator_save, name=indicator_name),
                existing=initiative.indicators.filter(name=indicator_name).first(), name="indicator",
                initiative=initiative, survey=survey, unit=Indicator.Unit.PROPORTION, polarity=polarity,
                target_value=target, target_year=2020, data_source=owner, breakdowns="skole", illustrative=True,
            )  # fmt: skip
            for group, share_of_n in [(ALL, 1.0), *GROUPS[slug]]:
                for wave, (n, share) in zip(waves, values, strict=True):
                    group_n = round(n * share_of_n)
                    numerator = round(group_n * share)
                    upsert_through(
                        observation_save,
                        existing=indicator.observations.filter(wave=wave, group=group).first(),
                        name="observation", initiative=initiative, indicator=indicator, wave=wave, group=group,
                        value=numerator / group_n, n=group_n, numerator=numerator,
                    )  # fmt: skip
