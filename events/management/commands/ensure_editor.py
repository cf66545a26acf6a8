import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Create the first account if it does not exist and print its password once. "
        "It is a superuser: it can do what Editors and Reviewers do (enter, review, "
        "publish, archive) and also create the other accounts and put them in the "
        "Editor or Reviewer group."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                _("Editor account '%(username)s' already exists.") % {"username": username}
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Created the first account (superuser: Editor and Reviewer rights, and "
                    "user management).\n  user name: %(username)s\n  password:  %(password)s\n"
                    "  (shown once; change it at /admin/password_change/; add Editor and "
                    "Reviewer accounts under Users)"
                )
                % {"username": username, "password": password}
            )
        )
