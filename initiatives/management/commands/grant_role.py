from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from initiatives.models import Initiative, Role
from initiatives.services import role_grant


class Command(BaseCommand):
    help = "Give a user a role in an initiative, creating the user when missing."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="user name")
        parser.add_argument("--initiative", required=True, help="the initiative's slug")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password", help="set this password (a new user without one cannot log in)")

    def handle(self, *args, user, initiative, role, password, **options):
        try:
            found = Initiative.objects.get(slug=initiative)
        except Initiative.DoesNotExist:
            raise CommandError(f"No initiative with the slug {initiative!r}.") from None
        try:
            account, created = role_grant(username=user, initiative=found, role=role, password=password)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {account.username}: {role} in {found.slug}."))
