"""The 2021 cycle demo: seed 000's project counts per dong, the 협치회의, idempotent."""

import pytest
from django.db.models import Count, Sum
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.councils.models import AgendaStatus, Council, CouncilKind, Meeting, MeetingKind
from maeul.plans.demo import PROJECT_COUNTS, load_cycle
from maeul.plans.models import PlanStatus, Programme, ProgressUpdate, Project

pytestmark = pytest.mark.django_db


def test_the_2021_cycle_has_the_seeds_projects_and_runs_once(places):
    now = timezone.now()
    load_accounts(now=now)

    made = load_cycle(now=now, voters=12)

    assert made == 33 + 28 + 17
    photos = ProgressUpdate.objects.exclude(photo="")
    assert load_cycle(now=now, voters=12) == 0
    assert ProgressUpdate.objects.exclude(photo="").count() == photos.count()
    # About one project in three shows a drawn picture, described for screen readers.
    assert 10 <= photos.count() <= 45
    assert all(update.photo_alt.endswith("그린 그림") for update in photos)
    counts = {
        (row["dong__name"], row["programme"]): row["n"]
        for row in Project.objects.filter(year=2021, dong__isnull=False)
        .values("dong__name", "programme")
        .annotate(n=Count("pk"))
    }
    for dong, (activities, budgets) in PROJECT_COUNTS.items():
        assert counts.get((dong, Programme.RESIDENT_ACTIVITY), 0) == activities
        assert counts.get((dong, Programme.DONG_PARTICIPATORY_BUDGET), 0) == budgets
    innovation = Project.objects.filter(programme=Programme.COMMUNITY_INNOVATION, year=2021)
    assert innovation.count() == 17
    assert innovation.aggregate(total=Sum("budget"))["total"] == 900_000_000
    assert all(p.spent <= p.budget and p.spent > 0 for p in Project.objects.filter(year=2021))
    governance = Council.objects.get(kind=CouncilKind.GOVERNANCE)
    assert sorted(governance.sections.values_list("name", flat=True)) == sorted(
        ["교육·문화", "도시환경·안전", "복지·건강", "주민자치·기획", "청년·경제일자리"]
    )
    assert Council.objects.filter(kind=CouncilKind.RESIDENT, district__name="금천구").count() == 10
    assert Meeting.objects.filter(kind=MeetingKind.JOINT).count() == 30  # Feb-Apr, ten dongs
    assert all(m.attendees.exists() for m in Meeting.objects.all())
    # The June assemblies decided the 2022 plans, now submitted to the district.
    planned = Project.objects.filter(year=2022)
    assert planned.exists()
    assert set(planned.values_list("plan__status", flat=True)) == {PlanStatus.SUBMITTED}
    assert all(p.agenda_item.status == AgendaStatus.PLANNED for p in planned)


def test_every_council_has_a_term_serving_today_with_a_chair(places):
    from maeul.councils.models import CouncilMember, MemberRole

    now = timezone.now()
    load_accounts(now=now)
    load_cycle(now=now, voters=12)

    today = timezone.localdate(now)
    for council in Council.objects.all():
        current = council.terms.filter(starts_on__lte=today, ends_on__gte=today).get()
        chairs = CouncilMember.objects.filter(term=current, role=MemberRole.CHAIR)
        assert chairs.count() == 1 and current.members.count() >= 20
