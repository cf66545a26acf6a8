import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the first editor account if none exists and print its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Editor account '{username}' already exists.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created editor account.\n  user name: {username}\n  password:  {password}\n"
                "  (shown once; change it at /admin/password_change/)"
            )
        )
