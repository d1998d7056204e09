"""Staged processes: staff lay out the ordered stages (each an existing forum, consultation
or vote of the same district) and, at the end, publish the decision."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from maeul.consultations.models import Consultation, Forum, Process, Stage
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.texts import required_text
from maeul.places.models import District, Dong
from maeul.voting.models import Vote


def create_process(
    *,
    district: District,
    dong: Dong | None = None,
    title: str,
    description: str = "",
    stages: Sequence[tuple[str, Model]],
    staff: Any,
    ip: str | None,
    now: datetime,
) -> Process:
    """A process whose `stages` are (title, forum | consultation | vote), in order."""
    enforce(staff, Action.MANAGE_PROCESS, dong or district, now=now)
    refuse_resident_number(title=title, description=description)
    if not title.strip() or not stages:
        raise RuleViolation(_("Enter the title and at least one stage."), code="process")
    for _title, step in stages:
        if not isinstance(step, Forum | Consultation | Vote) or step.district_id != district.pk:
            raise RuleViolation(
                _("Each stage is a forum, a consultation or a vote of the district."), code="stage"
            )
    with transaction.atomic():
        process = Process.objects.create(
            district=district,
            dong=dong,
            title=title.strip(),
            description=description.strip(),
            created_by=staff,
            created_at=now,
        )
        Stage.objects.bulk_create(
            Stage(
                process=process,
                position=n,
                title=name.strip() or str(step),
                **{type(step).__name__.lower(): step},
            )
            for n, (name, step) in enumerate(stages, start=1)
        )
        audit.record(
            actor=staff, action="consultations.process.create", target=process, ip=ip, now=now
        )
    return process


def publish_decision(
    *, process: Process, text: str, staff: Any, ip: str | None, now: datetime
) -> Process:
    """The decision the process ends in (주민승인), published."""
    enforce(staff, Action.MANAGE_PROCESS, process, now=now)
    text = required_text(text, field="text", code="text", missing=_("Please write the decision."))
    with transaction.atomic():
        audit.save_changed(
            process,
            {"decision": text, "decision_published_at": now},
            audited=(),
            actor=staff,
            action="consultations.process.decision",
            ip=ip,
            now=now,
        )
    return process
