"""Finding similar applications (중복 의심): across groups, dongs and years.

Text: an application's title and description are cut into content morphemes by kiwipiepy
(nouns, roots, verb and adjective stems, foreign words); the title counts twice. Words
every grant application uses (마을, 주민, 사업 …) are left out. The counts are stored at
each save (`ApplicationTerm`, `Application.term_total`), so comparing a new application
with 10,000 others reads only the postings of its own terms, never re-analyses old text.

Score: the weighted Jaccard index of the two count vectors, Σ min(a, b) / Σ max(a, b),
between 0 and 1. Same representative, same contact number (by its keyed hash) or the same
place each add `SIGNAL_BONUS`, the total capped at 1. A pair is kept when its text score
reaches `TEXT_THRESHOLD`, or it shares the representative or contact, or the place with a
text score of at least `PLACE_TEXT_THRESHOLD`; the best `KEEP` are stored both ways.
"""

import re
from collections import Counter, defaultdict
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from maeul.grants.models import (
    HANDED_IN,
    Application,
    ApplicationTerm,
    DuplicateMatch,
    MatchReason,
)
from maeul.proposals.search import _kiwi  # one analyser for the whole process

TAGS = {"NNG", "NNP", "XR", "SL", "SH", "VV", "VA"}
TITLE_WEIGHT = 2
MAX_TERM = 40
# Words of almost every application: they would make any two look alike.
COMMON = {
    "마을",
    "주민",
    "사업",
    "활동",
    "공동체",
    "프로그램",
    "운영",
    "지역",
    "함께",
    "진행",
    "참여",
    "통하",
    "위하",
    "하",
    "되",
    "있",
    "없",
    "같",
    "이웃",
}
TEXT_THRESHOLD = 0.35
PLACE_TEXT_THRESHOLD = 0.15
SIGNAL_BONUS = 0.2
KEEP = 5


def term_counts(title: str, description: str) -> Counter[str]:
    """The content morphemes of an application's text with their counts (title twice)."""
    counts: Counter[str] = Counter()
    for text, weight in ((title, TITLE_WEIGHT), (description, 1)):
        for token in _kiwi().tokenize(text or ""):
            if token.tag.split("-")[0] not in TAGS:
                continue
            form = token.form.lower()[:MAX_TERM]
            if form and form not in COMMON:
                counts[form] += weight
    return counts


def place_key(place: str) -> str:
    """A place as compared: without spaces and punctuation, lower case."""
    return re.sub(r"[\W_]+", "", place or "").lower()[:200]


def index_application(application: Application) -> None:
    """Store the application's terms and their total (called by every save of its text)."""
    counts = term_counts(application.title, application.description)
    with transaction.atomic():
        ApplicationTerm.objects.filter(application=application).delete()
        ApplicationTerm.objects.bulk_create(
            [
                ApplicationTerm(application=application, term=term, count=min(count, 32767))
                for term, count in sorted(counts.items())
            ]
        )
        application.term_total = sum(min(count, 32767) for count in counts.values())
        Application.objects.filter(pk=application.pk).update(term_total=application.term_total)


def _comparable(application: Application) -> Q:
    """Handed-in applications of other groups (the group's own other calls of the same year
    too: one project funded twice)."""
    others = Q(status__in=HANDED_IN) & ~Q(pk=application.pk)
    return others & (~Q(group_id=application.group_id) | Q(call__year=application.call.year))


def text_scores(application: Application) -> dict[int, float]:
    """Weighted Jaccard of the application's terms with every comparable application that
    shares one, from the stored postings."""
    mine = dict(application.terms.values_list("term", "count"))
    if not mine:
        return {}
    total = sum(mine.values())
    shared: defaultdict[int, int] = defaultdict(int)
    totals: dict[int, int] = {}
    postings = (
        ApplicationTerm.objects.filter(term__in=list(mine))
        .filter(application__in=Application.objects.filter(_comparable(application)))
        .values_list("application_id", "term", "count", "application__term_total")
    )
    for other_id, term, count, other_total in postings.iterator(chunk_size=5000):
        shared[other_id] += min(count, mine[term])
        totals[other_id] = other_total
    return {
        other_id: overlap / (total + totals[other_id] - overlap)
        for other_id, overlap in shared.items()
    }


def find_similar(application: Application) -> list[tuple[int, float, float, list[str]]]:
    """The best matches of `application`: (other id, score, text score, reasons), best first."""
    texts = text_scores(application)
    signals: defaultdict[int, set[str]] = defaultdict(set)
    identity = Q(representative_id=application.representative_id)
    if application.contact_hmac:
        identity |= Q(contact_hmac=application.contact_hmac)
    if application.place_key:
        identity |= Q(place_key=application.place_key)
    rows = Application.objects.filter(_comparable(application)).filter(identity)
    for other_id, representative_id, contact, place in rows.values_list(
        "pk", "representative_id", "contact_hmac", "place_key"
    ):
        if representative_id == application.representative_id:
            signals[other_id].add(MatchReason.SAME_REPRESENTATIVE)
        if application.contact_hmac and contact == application.contact_hmac:
            signals[other_id].add(MatchReason.SAME_CONTACT)
        if application.place_key and place == application.place_key:
            signals[other_id].add(MatchReason.SAME_PLACE)
    found = []
    for other_id in set(texts) | set(signals):
        text = texts.get(other_id, 0.0)
        reasons = signals.get(other_id, set())
        strong = reasons & {MatchReason.SAME_REPRESENTATIVE, MatchReason.SAME_CONTACT}
        place_and_text = MatchReason.SAME_PLACE in reasons and text >= PLACE_TEXT_THRESHOLD
        if text < TEXT_THRESHOLD and not strong and not place_and_text:
            continue
        if text >= TEXT_THRESHOLD:
            reasons = reasons | {MatchReason.SIMILAR_TEXT}
        score = min(1.0, text + SIGNAL_BONUS * len(reasons - {MatchReason.SIMILAR_TEXT}))
        ordered = [reason.value for reason in MatchReason if reason in reasons]
        found.append((other_id, round(score, 4), round(text, 4), ordered))
    found.sort(key=lambda match: (-match[1], match[0]))
    return found[:KEEP]


def record_matches(application: Application, *, now: datetime) -> list[DuplicateMatch]:
    """Find and store the application's matches (each also on the other application)."""
    found = find_similar(application)
    with transaction.atomic():
        DuplicateMatch.objects.filter(application=application).delete()
        for other_id, score, text, reasons in found:
            DuplicateMatch.objects.update_or_create(
                application_id=other_id,
                other=application,
                defaults={"score": score, "text_score": text, "reasons": reasons, "found_at": now},
            )
        DuplicateMatch.objects.bulk_create(
            [
                DuplicateMatch(
                    application=application,
                    other_id=other_id,
                    score=score,
                    text_score=text,
                    reasons=reasons,
                    found_at=now,
                )
                for other_id, score, text, reasons in found
            ]
        )
    return list(application.duplicate_matches.select_related("other__group", "other__call"))
