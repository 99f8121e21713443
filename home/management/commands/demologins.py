from django.core.management.base import BaseCommand

from home.demo import DEMO_PASSWORD, demo_email, demo_logins


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, description in demo_logins():
            self.stdout.write(f"  {username:<12} {demo_email(username):<24} {description}")
        self.stdout.write("Mails (a password reset's link, say) are printed here, on the web server's console.")
