from activities.imports import MAX_BYTES, activities_import
from core.importing import ImportCommand


class Command(ImportCommand):
    help = "Import an activity overview (CSV or XLSX, the columns of the export) into an initiative: all or nothing."
    max_bytes = MAX_BYTES

    def run(self, **kwargs):
        return activities_import(**kwargs)

    def summary(self, result, initiative):
        return f"Imported {result} activities into {initiative.slug}."
