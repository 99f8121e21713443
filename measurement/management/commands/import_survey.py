from initiatives.importing import ImportCommand
from measurement.imports import MAX_BYTES
from measurement.services import observations_import


class Command(ImportCommand):
    help = (
        "Import aggregated survey results (indicator, wave, group, value, n) into an initiative: all or nothing; "
        "--dry-run to preview."
    )
    max_bytes = MAX_BYTES

    def run(self, **kwargs):
        return observations_import(**kwargs)
