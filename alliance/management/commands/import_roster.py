from alliance.roster import MAX_BYTES
from alliance.services import roster_import
from initiatives.importing import ImportCommand


class Command(ImportCommand):
    help = "Import an alliance roster (CSV or XLSX) into an initiative: every row or none; --dry-run to preview."
    max_bytes = MAX_BYTES

    def run(self, **kwargs):
        return roster_import(**kwargs)
