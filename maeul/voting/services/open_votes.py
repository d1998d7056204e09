"""Open votes kept in memory: nothing about a vote can change while it is open.

Once a vote opens, its settings, eligibility rules, options and key are frozen
(`setup.is_editable`); its status moves on only at the count, which needs the vote closed
(`permissions.voting._count_vote`). So a worker may keep an open vote, with its key and
options, between ballots and read nothing of it again. The cached copy still decides the
phase from `now` and its own closing time, which cannot have moved, so a ballot after the
close is refused exactly as before: the cache can never accept a ballot for a closed vote.

A vote is cached only while open, and dropped by the first look-up after it closes (with
every other closed vote), so the key that links participations to ballots is not kept in
memory past the count. Saving or deleting a vote in this process drops it too.
"""

import threading
from datetime import datetime

from django.db.models.signals import post_delete, post_save

from maeul.voting.models import Vote

_open: dict[int, Vote] = {}
_lock = threading.Lock()


def open_vote(vote_id: int, now: datetime) -> Vote | None:
    """The public vote `vote_id` with its key and options, if it is open at `now`.

    None when it is not open (or not public): the caller then loads it the ordinary way,
    and the ordinary rules refuse or answer.
    """
    with _lock:
        for pk in [pk for pk, vote in _open.items() if not vote.is_open(now)]:
            del _open[pk]
        cached = _open.get(vote_id)
    if cached is not None:
        return cached
    vote = (
        Vote.objects.public()
        .select_related("district", "dong", "key")
        .prefetch_related("options")
        .filter(pk=vote_id)
        .first()
    )
    if vote is None or not vote.is_open(now):
        return None
    with _lock:
        _open[vote_id] = vote
    return vote


def forget(vote_id: int | None = None) -> None:
    """Drop one vote from memory, or every vote."""
    with _lock:
        if vote_id is None:
            _open.clear()
        else:
            _open.pop(vote_id, None)


def _forget_saved(sender: type[Vote], instance: Vote, **kwargs: object) -> None:
    forget(instance.pk)


post_save.connect(_forget_saved, sender=Vote, dispatch_uid="voting.open_votes.save")
post_delete.connect(_forget_saved, sender=Vote, dispatch_uid="voting.open_votes.delete")
