"""What happens to each demo proposal over the year: when it is received, who supports and
comments on it, and what staff do with it. Deterministic for a given random generator."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from maeul.accounts.models import User
from maeul.core.demo_images import demo_upload, has_demo_photo
from maeul.places.models import Department
from maeul.proposals.attachments import CheckedFile, check_upload
from maeul.proposals.demo.data import ANSWERS, COMMENTS, REPLIES, SCENES, Topic
from maeul.proposals.demo.people import TIMELINE_END, TIMELINE_START
from maeul.proposals.models import Comment, Decision, Proposal, Status, Support
from maeul.proposals.services.comments import add_comment
from maeul.proposals.services.review import (
    answer_proposal,
    assign_department,
    change_status,
    mark_excellent,
)
from maeul.proposals.services.support import support_proposal

DECISION_CYCLE = [
    Decision.ACCEPTED,
    Decision.PARTLY_ACCEPTED,
    Decision.REJECTED,
    Decision.LONG_TERM,
]


class Received(StrEnum):
    """How a demo proposal comes in."""

    ONLINE = "online"
    OFFLINE = "offline"
    HIDDEN = "hidden"  # written online, then hidden by staff


@dataclass
class Plan:
    """What happens to one proposal after it is received."""

    supports: int = 0
    answer: str = ""  # a Decision, or "" for none
    assign: bool = False  # staff assign it for review even below the threshold
    after: tuple[str, ...] = ()  # statuses after the answer: in progress, done
    excellent: bool = False
    withdraw: bool = False
    comments: int = 0


def timeline(count: int, rng: random.Random) -> list[datetime]:
    span = (TIMELINE_END - TIMELINE_START).total_seconds()
    moments = []
    for index in range(count):
        at = TIMELINE_START + timedelta(seconds=span * (index + rng.random() * 0.8) / count)
        # Office hours and evenings, the way people actually write.
        at = at.replace(
            hour=rng.choice([8, 9, 10, 12, 13, 15, 19, 21, 22]),
            minute=rng.randrange(60),
            second=rng.randrange(60),
            microsecond=0,
        )
        moments.append(at)
    return sorted(moments)


def plans(published: list[datetime], kinds: list[Received], rng: random.Random) -> list[Plan]:
    """Decide each proposal's fate; older proposals are the ones that can be answered."""
    fates = [
        Plan(supports=rng.choice([0, 1, 2, 3, 5, 8, 12, 17, 24, 31, 38, 44])) for _ in published
    ]
    cutoff = TIMELINE_END - timedelta(days=70)
    old = [i for i, at in enumerate(published) if at < cutoff and kinds[i] != Received.HIDDEN]
    rng.shuffle(old)
    online = [i for i in old if kinds[i] == Received.ONLINE]
    big, review = online[:2], online[2:16]
    small = [i for i in old if i not in big and i not in review][:6]
    for n, i in enumerate(big):
        fates[i].supports = 520 + 90 * n
    for i in review:
        fates[i].supports = rng.randrange(50, 190)
    for i in small:
        fates[i].supports = rng.randrange(15, 45)
    answered = [big[0], *review[:9], *small]
    decisions = iter(DECISION_CYCLE * 6)
    for i in answered:
        fates[i].answer = next(decisions)
        fates[i].assign = fates[i].supports < 50
    done_ready = [
        i for i in answered if fates[i].answer in (Decision.ACCEPTED, Decision.PARTLY_ACCEPTED)
    ]
    for n, i in enumerate(done_ready):
        fates[i].after = (Status.IN_PROGRESS, Status.DONE) if n % 2 == 0 else (Status.IN_PROGRESS,)
    for i in done_ready[::2][:3]:
        fates[i].excellent = True
    recent = [i for i, at in enumerate(published) if at > TIMELINE_END - timedelta(days=28)]
    for i in recent:
        fates[i].supports = min(fates[i].supports, 30)
    quiet = [
        i
        for i in old
        if kinds[i] == Received.ONLINE and not fates[i].answer and fates[i].supports < 50
    ]
    for i in sorted(quiet)[3:5]:
        fates[i].withdraw = True
    for plan in fates:
        plan.comments = rng.choice([0, 0, 1, 2, 3, 4]) + min(plan.supports // 40, 8)
    return fates


def support_times(start: datetime, count: int, rng: random.Random) -> list[datetime]:
    end = min(start + timedelta(days=29, hours=20), TIMELINE_END)
    span = (end - start).total_seconds()
    # Most supports come in the first days after a proposal is shared.
    return sorted(
        start + timedelta(seconds=int(span * rng.random() ** 2) + 60) for _ in range(count)
    )


def add_supports(
    proposal: Proposal, supporters: list[User], times: list[datetime], threshold_at: list[int]
) -> None:
    """Insert supports in bulk; the support that crosses each threshold goes through the service."""
    done = 0
    for index in [*threshold_at, len(supporters)]:
        Support.objects.bulk_create(
            [
                Support(proposal=proposal, user=user, created_at=at)
                for user, at in zip(supporters[done:index], times[done:index], strict=True)
            ]
        )
        Proposal.objects.filter(pk=proposal.pk).update(
            support_count=Support.objects.filter(proposal=proposal).count()
        )
        done = index
        if index < len(supporters):
            proposal.refresh_from_db()
            support_proposal(proposal=proposal, user=supporters[index], now=times[index])
            done = index + 1
    proposal.refresh_from_db()


def add_comments(
    proposal: Proposal, count: int, residents: list[User], rng: random.Random
) -> list[Comment]:
    """`count` comments, some replying to earlier ones: all after the proposal was
    published (a proposal published on the timeline's last evening still gets a few hours),
    each reply after the comment it answers."""
    start = proposal.published_at or TIMELINE_START
    end = max(min(start + timedelta(days=45), TIMELINE_END), start + timedelta(hours=6))
    made: list[Comment] = []
    if count == 0:
        return made
    offsets = sorted(int((end - start).total_seconds() * rng.random()) for _ in range(count))
    # Two minutes apart at least, so that no reply shares its parent's second.
    moments = [
        start + timedelta(seconds=120 * (n + 1) + offset) for n, offset in enumerate(offsets)
    ]
    for at in moments:
        author = rng.choice(residents)
        parent = None
        if made and rng.random() < 0.35:
            tops = [c for c in made if c.parent_id is None]
            parent = rng.choice(tops)
        body = rng.choice(REPLIES if parent else COMMENTS)
        made.append(add_comment(author=author, proposal=proposal, body=body, parent=parent, now=at))
    return made


def staff_work(
    proposal: Proposal,
    plan: Plan,
    topic_department: Department | None,
    staff: User,
    answerers: dict[int, User],
    rng: random.Random,
) -> None:
    """Assign, answer, move along and reward, as the plan says."""
    later = (proposal.published_at or TIMELINE_START) + timedelta(
        days=31, hours=rng.randrange(0, 72)
    )
    if topic_department is not None or plan.assign:
        department = topic_department or proposal.department or proposal.category.department
        if (
            department is not None
            and proposal.status in (Status.PUBLISHED, Status.REVIEWING)
            and (plan.assign or proposal.department_id is not None)
        ):
            proposal = assign_department(
                staff=staff, proposal=proposal, department=department, ip=None, now=later
            )
    if not plan.answer:
        return
    if proposal.department_id is None:
        return
    answered_at = later + timedelta(days=rng.randrange(5, 25), hours=rng.randrange(8))
    answerer = answerers[proposal.department_id]
    answer_proposal(
        staff=answerer,
        proposal=proposal,
        decision=plan.answer,
        body=ANSWERS[plan.answer].format(dept=getattr(proposal.department, "name", "")),
        ip=None,
        now=answered_at,
    )
    at = answered_at
    for status in plan.after:
        at += timedelta(days=rng.randrange(10, 30))
        proposal = change_status(staff=staff, proposal=proposal, status=status, ip=None, now=at)
    if plan.excellent:
        mark_excellent(staff=staff, proposal=proposal, ip=None, now=at + timedelta(days=3))


def photos(topic: Topic, dong_name: str | None, title: str) -> list[CheckedFile]:
    """A drawn picture for about half the proposals of some categories (first dong only)."""
    scene = SCENES.get(topic.category)
    if scene is None or dong_name != topic.dongs[0] or not has_demo_photo(title, one_in=2):
        return []
    upload, _alt = demo_upload(title, scene=scene)
    return [check_upload(upload)]
