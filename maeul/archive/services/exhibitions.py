"""Exhibitions (전시): staff choose published records, order them, and introduce them."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.archive.models import ArchiveRecord, Exhibition, ExhibitionItem
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.places.models import District, Dong


def create_exhibition(
    *,
    place: Dong | District,
    title: str,
    introduction: str,
    records: Sequence[ArchiveRecord],
    captions: Sequence[str] = (),
    publish: bool = True,
    staff: Any,
    now: datetime,
    ip: str | None = None,
) -> Exhibition:
    """An exhibition of `records` in the given order, each with an optional caption.

    Raises RuleViolation without a title or introduction, with no records, with a record
    that is not public, or one of another district.
    """
    enforce(staff, Action.MANAGE_EXHIBITION, place, now=now)
    title, introduction = " ".join(title.split()), introduction.strip()
    if not title:
        raise RuleViolation(_("Give the exhibition a title."), code="empty", field="title")
    if not introduction:
        raise RuleViolation(
            _("Introduce the exhibition in a few sentences."), code="empty", field="introduction"
        )
    refuse_resident_number(title=title, introduction=introduction, captions=" ".join(captions))
    district = place if isinstance(place, District) else place.district
    if not records:
        raise RuleViolation(_("Choose at least one record."), code="empty", field="records")
    if any(not r.is_public or r.district_id != district.pk for r in records):
        raise RuleViolation(
            _("Only published records of the district can be exhibited."),
            code="not_public",
            field="records",
        )
    with transaction.atomic():
        exhibition = Exhibition.objects.create(
            title=title[:200],
            introduction=introduction,
            district=district,
            dong=place if isinstance(place, Dong) else None,
            curated_by=staff,
            created_at=now,
            published_at=now if publish else None,
        )
        ExhibitionItem.objects.bulk_create(
            ExhibitionItem(
                exhibition=exhibition,
                record=record,
                order=index,
                caption=(captions[index] if index < len(captions) else "")[:300],
            )
            for index, record in enumerate(dict.fromkeys(records))
        )
        audit.record(
            actor=staff,
            action="archive.create_exhibition",
            target=exhibition,
            changes={"records": ["", str(len(records))]},
            ip=ip,
            now=now,
        )
    return exhibition
