from activities.imports import MAX_BYTES
from activities.services import activities_import
from initiatives.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import an activity overview (CSV or XLSX, the columns of the export) into an initiative: rows with a key "
        "update their activity, the rest are new; every row or none; --dry-run to preview."
    )
    max_bytes = MAX_BYTES

    def run(self, **kwargs):
        return activities_import(**kwargs)
