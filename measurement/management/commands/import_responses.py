from django.core.management.base import CommandError

from initiatives.importing import ImportCommand
from measurement.responses import MAX_BYTES
from measurement.services import responses_import


class Command(ImportCommand):
    help = (
        "Compute a survey's indicators from raw anonymous responses (one row per respondent, a CSV file) and save "
        "the observations, never the rows: all or nothing; --dry-run to preview. The rules are the indicators' "
        "question and answers."
    )
    max_bytes = MAX_BYTES

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--survey", help="the survey's name (needed when the initiative has several)")
        parser.add_argument("--wave", help="the wave of every row, when the file has no wave column")

    def handle(self, *args, survey=None, wave=None, **options):
        self.survey_name, self.wave_name = survey, wave
        super().handle(*args, **options)

    def run(self, *, initiative, **kwargs):
        surveys = list(initiative.surveys.all())
        if self.survey_name:
            surveys = [s for s in surveys if s.name.lower() == self.survey_name.strip().lower()]
        if len(surveys) != 1:
            names = ", ".join(repr(s.name) for s in initiative.surveys.all()) or "none"
            raise CommandError(f"Name one survey with --survey (the initiative's surveys: {names}).")
        survey, wave = surveys[0], None
        if self.wave_name:
            wave = survey.waves.filter(name__iexact=self.wave_name.strip()).first()
            if wave is None:
                raise CommandError(f"The survey {survey.name!r} has no wave {self.wave_name!r}.")
        return responses_import(initiative=initiative, survey=survey, wave=wave, **kwargs)
