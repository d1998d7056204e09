"""State changes of a person's own profile: name, birth year, dong ties."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from maeul.accounts.models import DongTie, User
from maeul.core.errors import RuleViolation
from maeul.core.privacy import refuse_resident_number
from maeul.places.models import Dong

EARLIEST_BIRTH_YEAR = 1900


def update_profile(*, user: User, display_name: str, birth_year: int | None, now: datetime) -> User:
    """Change the name others see and the birth year that eligibility rules read."""
    if birth_year is not None and not EARLIEST_BIRTH_YEAR <= birth_year <= now.year:
        raise RuleViolation(_("Enter a birth year between 1900 and this year."), code="birth_year")
    refuse_resident_number(display_name)
    user.display_name = display_name.strip()
    user.birth_year = birth_year
    user.save(update_fields=["display_name", "birth_year"])
    return user


def add_dong_tie(*, user: User, dong: Dong, kind: str) -> DongTie:
    """Tie a person to a dong where they live, work or study."""
    try:
        with transaction.atomic():
            return DongTie.objects.create(user=user, dong=dong, kind=kind)
    except IntegrityError:
        raise RuleViolation(_("You have already added this tie."), code="duplicate_tie") from None


def remove_dong_tie(*, user: User, tie_id: int) -> None:
    deleted, _count = DongTie.objects.filter(user=user, pk=tie_id).delete()
    if not deleted:
        raise RuleViolation(_("This tie does not exist."), code="no_tie")
