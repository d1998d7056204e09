"""Demo proposals for 「금천1번가」: about a hundred proposals across 금천구's ten dongs.

Everything is made deterministically (a fixed random seed and a fixed 2026 timeline) and,
wherever practical, through the services, so the demo obeys the same rules as real use:
proposals are submitted or entered offline, thresholds assign them for review, staff
answer, move, hide, reward and merge them, residents comment and report. Supports are
bulk-inserted for speed and the counter is then set to the exact COUNT of rows; each
threshold is still crossed by one real `support_proposal` call so that assignment and
notifications happen as in production.

The texts are in `demo_data/proposals.toml` (`data`); the people in `people`; each
proposal's year in `story`. No real person appears: residents are
`resident001@demo.maeul.kr` … with nicknames such as "독산동 고양이"; offline proposers are
described ("가산동 직장인"), never named.

Idempotent: when the demo proposals already exist, nothing is created or changed.
"""

import itertools
import random
from datetime import timedelta

from django.core.cache import cache

from maeul.accounts.demo import DEMO_DISTRICT_CODE
from maeul.accounts.models import User
from maeul.places.models import Department, District, Dong
from maeul.proposals.demo import story
from maeul.proposals.demo.data import (
    CLOSINGS,
    DRAFT,
    DUPLICATE,
    HEATED_COMMENT,
    HIDDEN,
    HIDDEN_COMMENT_REASON,
    MERGE_TARGET,
    OFFLINE,
    REPORT_REASONS,
    TOPICS,
    Collected,
    Topic,
    Written,
)
from maeul.proposals.demo.people import (
    DEMO_RESIDENT_EMAIL,
    DISTRICT_STAFF_EMAIL,
    DONG_STAFF_EMAIL,
    TIMELINE_END,
    TIMELINE_START,
    demo_mail_muted,
    department_staff,
    set_up_district,
    verified_residents,
)
from maeul.proposals.demo.story import Plan, Received
from maeul.proposals.models import Category, Comment, Decision, Proposal, Status, Support
from maeul.proposals.services.comments import add_comment, hide_comment, report_comment
from maeul.proposals.services.review import change_status, merge_proposals
from maeul.proposals.services.writing import (
    enter_offline_proposal,
    submit_proposal,
    withdraw_proposal,
)

__all__ = ["demo_mail_muted", "load_proposals"]

# The district's departments and categories alone (the benchmarks and browser tests use it).
_setup = set_up_district

SEED = 20260105
DEFAULT_RESIDENTS = 640  # two proposals pass 500 supports, so more than 500 people are needed


def load_proposals(*, residents: int = DEFAULT_RESIDENTS) -> int:
    """Load the demo proposals of 금천구; returns how many rows of note were created.

    Needs the demo places and accounts (load_places, load_accounts) first. `residents` is
    the number of demo resident accounts; it must exceed the largest planned support count
    (610), so the default (640) is the smallest size that keeps every status represented.
    """
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo data, not security
    district = District.objects.get(code=DEMO_DISTRICT_CODE)
    categories, departments, created = set_up_district(district)
    answerers = department_staff(district, departments)
    people = verified_residents(district, residents, rng)
    titles = {t.title.format(dong=d) for t in TOPICS for d in t.dongs}
    if Proposal.objects.filter(district=district, title__in=titles).exists():
        return created
    dongs = {d.name: d for d in Dong.objects.filter(district=district)}
    staff = User.objects.get(email=DISTRICT_STAFF_EMAIL)
    dong_staff = User.objects.filter(email=DONG_STAFF_EMAIL).first()
    demo_resident = User.objects.filter(email=DEMO_RESIDENT_EMAIL).first()

    # Everything that is received, in one list, then spread over the year.
    items: list[tuple[Received, tuple[Topic, str | None] | Collected | Written]] = [
        (Received.ONLINE, (topic, dong)) for topic in TOPICS for dong in topic.dongs
    ]
    items += [(Received.OFFLINE, entry) for entry in OFFLINE]
    items += [(Received.HIDDEN, entry) for entry in HIDDEN]
    rng.shuffle(items)
    published = story.timeline(len(items), rng)
    plans = story.plans(published, [kind for kind, _entry in items], rng)
    authors = itertools.cycle(rng.sample(people, len(people)))
    by_title: dict[str, Proposal] = {}
    all_comments: list[Comment] = []

    for (_kind, entry), at, plan in zip(items, published, plans, strict=True):
        topic_department: Department | None = None
        if isinstance(entry, tuple):
            topic, dong_name = entry
            body = topic.body.format(dong=dong_name or "금천구")
            closing = rng.choice(CLOSINGS)
            if closing:
                body = f"{body}\n\n{closing}"
            author = next(authors)
            if demo_resident is not None and dong_name == "독산1동" and topic.category == "문화":
                author = demo_resident  # the demo resident sees an answer to their proposal
                if at < TIMELINE_END - timedelta(days=70):
                    plan = Plan(
                        supports=max(plan.supports, 64),
                        answer=Decision.PARTLY_ACCEPTED,
                        comments=plan.comments + 2,
                    )
            title = topic.title.format(dong=dong_name)
            proposal = submit_proposal(
                author=author,
                district=district,
                dong=dongs[dong_name] if dong_name else None,
                category=categories[topic.category],
                title=title,
                body=body,
                place=topic.place.format(dong=dong_name),
                files=story.photos(topic, dong_name, title),
                now=at,
            )
            if topic.department:
                topic_department = departments[topic.department]
        elif isinstance(entry, Collected):
            enterer = dong_staff if dong_staff is not None and entry.dong == "독산1동" else staff
            proposal = enter_offline_proposal(
                staff=enterer,
                district=district,
                dong=dongs[entry.dong] if entry.dong else None,
                category=categories[entry.category],
                title=entry.title,
                body=entry.body,
                channel=entry.channel,
                author_name=entry.proposer,
                ip=None,
                now=at,
            )
        else:
            proposal = submit_proposal(
                author=next(authors),
                district=district,
                dong=dongs[entry.dong],
                category=categories[entry.category],
                title=entry.title,
                body=entry.body,
                now=at,
            )
            change_status(
                staff=staff,
                proposal=proposal,
                status=Status.HIDDEN,
                reason=entry.reason,
                ip=None,
                now=at + timedelta(hours=rng.randrange(2, 30)),
            )
            by_title[proposal.title] = proposal
            continue

        pool = [p for p in people if p.pk != proposal.author_id]
        supporters = rng.sample(pool, min(plan.supports, len(pool)))
        times = story.support_times(at, len(supporters), rng)
        thresholds = [n - 1 for n in (50, 500) if len(supporters) >= n]
        story.add_supports(proposal, supporters, times, thresholds)
        all_comments += story.add_comments(proposal, plan.comments, people, rng)
        if plan.withdraw and proposal.author is not None:
            withdraw_proposal(author=proposal.author, proposal=proposal, now=at + timedelta(days=3))
        else:
            story.staff_work(proposal, plan, topic_department, staff, answerers, rng)
        by_title[proposal.title] = proposal

    _finish(district, categories, dongs, staff, people, by_title, all_comments, rng)
    # Leave no rate-limit state behind for the demo accounts (their "hour" was the year 2026).
    writers = [*people, *([demo_resident] if demo_resident else [])]
    cache.delete_many(
        [f"rl:{kind}:{user.pk}:3600" for user in writers for kind in ("proposal", "comment")]
    )
    return created + Proposal.objects.filter(district=district).count()


def _finish(
    district: District,
    categories: dict[str, Category],
    dongs: dict[str, Dong],
    staff: User,
    people: list[User],
    by_title: dict[str, Proposal],
    comments: list[Comment],
    rng: random.Random,
) -> None:
    """A merged duplicate, a draft, and a few reported (one hidden) comments."""
    target = by_title[MERGE_TARGET]
    target.refresh_from_db()
    if target.status not in (Status.PUBLISHED, Status.REVIEWING, Status.ANSWERED):
        target = Proposal.objects.filter(
            district=district, status=Status.PUBLISHED, dong=dongs["가산동"]
        ).earliest("published_at")
    at = (target.published_at or TIMELINE_START) + timedelta(days=4)
    duplicate = submit_proposal(
        author=people[-1],
        district=district,
        dong=dongs[DUPLICATE.dong],
        category=categories[DUPLICATE.category],
        title=DUPLICATE.title,
        body=DUPLICATE.body,
        now=at,
    )
    overlap = list(Support.objects.filter(proposal=target).values_list("user_id", flat=True)[:5])
    fresh = [p for p in people[-40:-1] if p.pk not in overlap][:12]
    chosen = [p for p in people if p.pk in overlap] + fresh
    story.add_supports(duplicate, chosen, story.support_times(at, len(chosen), rng), [])
    merge_proposals(
        staff=staff, duplicate=duplicate, target=target, ip=None, now=at + timedelta(days=2)
    )
    submit_proposal(
        author=people[-2],
        district=district,
        dong=dongs[DRAFT.dong],
        category=categories[DRAFT.category],
        title=DRAFT.title,
        body=DRAFT.body,
        publish=False,
        now=TIMELINE_END - timedelta(days=2),
    )

    # Two heated comments get reported; staff hide one and leave the other in the queue.
    open_ = [c for c in comments if c.parent_id is None and c.proposal.is_public][::17][:2]
    for n, comment in enumerate(open_):
        heated = add_comment(
            author=people[(n * 37 + 11) % len(people)],
            proposal=comment.proposal,
            body=HEATED_COMMENT,
            parent=comment,
            now=comment.created_at + timedelta(hours=5),
        )
        reporters = [p for p in people[n * 3 : n * 3 + 3] if p.pk != heated.author_id]
        for m, reporter in enumerate(reporters):
            report_comment(
                reporter=reporter,
                comment=heated,
                reason=REPORT_REASONS[m % len(REPORT_REASONS)],
                now=heated.created_at + timedelta(hours=1 + m),
            )
        if n == 0:
            hide_comment(
                staff=staff,
                comment=heated,
                reason=HIDDEN_COMMENT_REASON,
                ip=None,
                now=heated.created_at + timedelta(hours=6),
            )
