"""Finding similar applications (중복 의심): across groups, dongs and years.

Text: an application's title and description are cut into content morphemes by kiwipiepy
(nouns, roots, verb and adjective stems, foreign words); the title counts twice. Words
every grant application uses (마을, 주민, 사업 …) are left out. The counts are stored at
each save (`ApplicationTerm`, `Application.term_total`), so comparing a new application
with 10,000 others reads only the postings of its own terms, never re-analyses old text.

Score: the weighted Jaccard index of the two count vectors, Σ min(a, b) / Σ max(a, b),
between 0 and 1. Same representative, same contact number (by its keyed hash) or the same
place each add `SIGNAL_BONUS`, the total capped at 1. A pair is kept when its text score reaches
`TEXT_THRESHOLD`, or it shares the representative or contact, or the place with a text score
of at least `PLACE_TEXT_THRESHOLD`; the best `KEEP` are stored both ways.

Speed: candidates are found by the application's informative terms only (those in at most
5 % of all applications, or its three rarest), as the 200 sharing the most of them; their
scores are then exact. So the work grows with the postings of rare terms, not with the table.
"""

import re
from collections import Counter, defaultdict
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q

from maeul.core.korean import analyser  # one analyser for the whole process
from maeul.grants.models import (
    HANDED_IN,
    Application,
    ApplicationTerm,
    DuplicateMatch,
    MatchReason,
)

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
# Candidate search (see `text_scores`).
COMMON_SHARE = 0.05
COMMON_FLOOR = 50
MIN_INFORMATIVE = 3
CANDIDATES = 200


def term_counts(title: str, description: str) -> Counter[str]:
    """The content morphemes of an application's text with their counts (title twice)."""
    counts: Counter[str] = Counter()
    for text, weight in ((title, TITLE_WEIGHT), (description, 1)):
        for token in analyser().tokenize(text or ""):
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


def _informative(mine: dict[str, int]) -> list[str]:
    """The application's terms that are rare enough to find candidates by: a term found in
    more than `COMMON_SHARE` of all applications says little about any one of them (its
    postings would be most of the table). At least the `MIN_INFORMATIVE` rarest are kept."""
    frequency = dict(
        ApplicationTerm.objects.filter(term__in=list(mine))
        .values_list("term")
        .annotate(n=Count("application_id"))
        .values_list("term", "n")
    )
    limit = max(COMMON_FLOOR, int(Application.objects.count() * COMMON_SHARE))
    by_rarity = sorted(mine, key=lambda term: (frequency.get(term, 0), term))
    rare = [term for term in by_rarity if frequency.get(term, 0) <= limit]
    return rare if len(rare) >= MIN_INFORMATIVE else by_rarity[:MIN_INFORMATIVE]


def text_scores(application: Application) -> dict[int, float]:
    """Weighted Jaccard of the application's terms with the comparable applications most
    likely to be similar, from the stored postings.

    Candidates are the `CANDIDATES` applications sharing the most informative terms (one
    grouped query); each candidate's score is then exact, over all the application's terms.
    """
    mine = dict(application.terms.values_list("term", "count"))
    if not mine:
        return {}
    comparable = Application.objects.filter(_comparable(application))
    candidates = list(
        ApplicationTerm.objects.filter(term__in=_informative(mine), application__in=comparable)
        .values_list("application_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "application_id")
        .values_list("application_id", flat=True)[:CANDIDATES]
    )
    if not candidates:
        return {}
    total = sum(mine.values())
    shared: defaultdict[int, int] = defaultdict(int)
    postings = ApplicationTerm.objects.filter(
        application_id__in=candidates, term__in=list(mine)
    ).values_list("application_id", "term", "count")
    for other_id, term, count in postings:
        shared[other_id] += min(count, mine[term])
    totals = dict(Application.objects.filter(pk__in=candidates).values_list("pk", "term_total"))
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
