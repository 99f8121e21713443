from alliance.roster import MAX_BYTES
from alliance.services import roster_import
from core.importing import ImportCommand


class Command(ImportCommand):
    help = "Import an alliance roster (CSV or XLSX) into an initiative: every row or none."
    max_bytes = MAX_BYTES

    def run(self, **kwargs):
        return roster_import(**kwargs)

    def summary(self, result, initiative):
        return (
            f"Imported {result.organisations_created} new organisations, {result.people_created} new people, "
            f"{result.people_updated} people updated, {result.memberships_created} new memberships, "
            f"{result.memberships_updated} memberships updated; {result.unchanged} rows unchanged."
        )
