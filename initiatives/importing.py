"""The import commands' base with the initiative found by its slug (``core.importing`` cannot look it up)."""

from core import importing

from .models import Initiative


class ImportCommand(importing.ImportCommand):
    def find_initiative(self, slug: str) -> Initiative | None:
        return Initiative.objects.filter(slug=slug).first()
