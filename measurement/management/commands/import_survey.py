from core.importing import ImportCommand
from measurement.imports import MAX_BYTES, observations_import


class Command(ImportCommand):
    help = "Import aggregated survey results (indicator, wave, group, value, n) into an initiative: all or nothing."
    max_bytes = MAX_BYTES

    def run(self, **kwargs):
        return observations_import(**kwargs)

    def summary(self, result, initiative):
        return f"Imported {result} observations into {initiative.slug}."
