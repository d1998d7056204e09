"""Who may publish a record in the community archive (마을기록관), approve a recorder's
record, read a record's photos and documents, curate exhibitions (전시) and keep a dong's
resource survey (자원조사).

Staff publish records for the dongs and districts they serve, at once. A community recorder
(마을기록가: a resident holding the `recorder` role of a district) may submit records for the
district and its dongs; those wait until staff serving the record approve them. Exhibitions
and the resource survey are staff work. Which rows staff serve: a record, an exhibition, a
facility and a resource by their district and dong.
"""

from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.archive.models import ArchiveRecord, Exhibition, Facility, RecordStatus, Resource
from maeul.core.permissions.base import (
    ALLOW,
    NOT_SIGNED_IN,
    Action,
    Decision,
    Rule,
    deny,
    district_of,
    of_kind,
    refuse_outsider,
    scope_of,
    staff_serving,
)
from maeul.core.permissions.scope import register_rows
from maeul.places.models import District, Dong

register_rows(ArchiveRecord, Exhibition, Facility, Resource)

NOT_RECORDER = _("Only staff and community recorders (마을기록가) may publish records.")


def publishes_at_once(user: Any, place: Model | None) -> bool:
    """Staff serving the place: their records need no approval."""
    return place is not None and scope_of(user).serves_row(place)


def _publish_record(user: Any, target: Model | None, now: datetime) -> Decision:
    """Staff serving the dong or district, or a recorder of its district."""
    if not getattr(user, "is_authenticated", False):
        return deny(NOT_SIGNED_IN)
    if not isinstance(target, (Dong, District, ArchiveRecord)):
        return deny(NOT_RECORDER)
    if publishes_at_once(user, target):
        return ALLOW
    if district_of(target) in scope_of(user).recorder_district_ids:
        return ALLOW
    return deny(NOT_RECORDER)


def may_read_record(user: Any, record: ArchiveRecord) -> bool:
    """Who may read a record, its page and its photos and documents alike: anyone once it is
    published; while it awaits approval, its author; whatever its state, the staff serving
    it. The pages answer everyone else with a 404, so not even its existence leaks."""
    if record.is_public:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if scope_of(user).serves_row(record):
        return True
    return record.status == RecordStatus.SUBMITTED and record.author_id == user.pk


def _read_record_files(user: Any, target: Model | None, now: datetime) -> Decision:
    """A record's photos and documents (kept in private storage): `may_read_record`."""
    if isinstance(target, ArchiveRecord) and may_read_record(user, target):
        return ALLOW
    return refuse_outsider(user)


RULES: dict[Action, Rule] = {
    Action.PUBLISH_RECORD: _publish_record,
    Action.APPROVE_RECORD: staff_serving(of_kind(ArchiveRecord)),
    Action.READ_RECORD_FILES: _read_record_files,
    Action.MANAGE_EXHIBITION: staff_serving(of_kind(Exhibition, Dong, District)),
    Action.SURVEY_RESOURCES: staff_serving(of_kind(Dong)),
}
