"""`manage.py import_pb FILE.pb --district 금천구 [--title ...]`: a simulation vote from a file.

The server's operator runs commands, so no staff account is asked for; the audit entry
names no actor.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation
from maeul.places.models import District
from maeul.voting.services.export import load_simulation


class Command(BaseCommand):
    help = "Create a simulation vote (closed, ready to count) from a pabulib .pb file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="path to a pabulib .pb file")
        parser.add_argument(
            "--district", required=True, help="the district's administrative code or name"
        )
        parser.add_argument("--title", default=None, help="the vote's title (default: from META)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        district = _district(options["district"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read the file %(path)s (%(reason)s).")
                % {"path": path, "reason": error.strerror}
            ) from None
        try:
            vote = load_simulation(
                data=data, district=district, now=timezone.now(), title=options["title"]
            )
        except RuleViolation as refusal:
            raise CommandError(f"{path}: {refusal.message}") from None
        self.stdout.write(
            _("Created simulation vote %(id)d: %(url)s")
            % {"id": vote.pk, "url": f"{settings.MAEUL_BASE_URL}/api/votes/{vote.pk}"}
        )


def _district(code_or_name: str) -> District:
    matches = list(District.objects.filter(Q(code=code_or_name) | Q(name=code_or_name))[:2])
    if len(matches) != 1:
        raise CommandError(
            _("No single district has the code or name %(district)s.") % {"district": code_or_name}
        )
    return matches[0]
