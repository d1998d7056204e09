"""Record staff actions in the audit log: one function, called in plain sight by services."""

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from maeul.core.models import AuditEntry

Changes = dict[str, list[Any]]


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value (dates as ISO text, objects by primary key)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, for a before/after comparison."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """`{field: [before, after]}` for the fields whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None,
    changes: Changes | None = None,
    ip: str | None,
    now: datetime,
) -> AuditEntry:
    """Write one audit entry; call it inside the transaction of the change it describes."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        changes={key: [_plain(v) for v in pair] for key, pair in (changes or {}).items()},
        ip_address=ip,
        created_at=now,
    )


def record_created(
    row: models.Model,
    fields: Iterable[str],
    *,
    actor: Any,
    action: str,
    ip: str | None,
    now: datetime,
) -> AuditEntry:
    """Record a new `row`: `{field: [None, value]}` for each of `fields` that has a value."""
    return record(
        actor=actor,
        action=action,
        target=row,
        changes=diff({}, snapshot(row, fields)),
        ip=ip,
        now=now,
    )


@contextmanager
def changing(
    row: models.Model,
    fields: Iterable[str],
    *,
    actor: Any,
    action: str,
    ip: str | None,
    now: datetime,
) -> Iterator[Changes]:
    """Record the change the block makes to `row` as one audit entry: `{field: [before,
    after]}` for each of `fields` whose value changed, then whatever the block puts in the
    dict it is given (facts beyond the row's fields). Nothing is recorded if the block
    raises; use it inside the transaction of the change.
    """
    fields = list(fields)
    before = snapshot(row, fields)
    extra: Changes = {}
    yield extra
    record(
        actor=actor,
        action=action,
        target=row,
        changes={**diff(before, snapshot(row, fields)), **extra},
        ip=ip,
        now=now,
    )


def save_changed(
    row: models.Model,
    values: Mapping[str, Any],
    *,
    audited: Iterable[str] | None = None,
    actor: Any,
    action: str,
    ip: str | None,
    now: datetime,
) -> None:
    """Set `values` on `row`, save just those fields and record the change of the `audited`
    fields (all of `values` unless named) as one audit entry (see `changing`); use it inside
    the transaction of the change.
    """
    with changing(
        row, values if audited is None else audited, actor=actor, action=action, ip=ip, now=now
    ):
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))
