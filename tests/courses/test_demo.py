"""The demo courses carry the seeds' figures, and loading them twice adds nothing."""

from decimal import Decimal

from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.courses.demo import load_courses
from maeul.courses.figures import course_figures, programme_figures
from maeul.courses.models import Course, CourseKind, Programme


def test_the_demo_has_the_seeds_figures(places):
    now = timezone.now()
    load_accounts(now=now)
    made = load_courses(now=now)
    assert made == Course.objects.count()
    assert load_courses(now=now) == 0

    seoul = programme_figures(Programme.objects.get(title="자치구 중간지원조직 실무자교육"))
    assert (seoul.total.sessions, seoul.total.hours, seoul.total.participants) == (
        20,
        Decimal("78.5"),
        729,
    )
    assert seoul.total.attendances == 729
    assert seoul.total.satisfaction == Decimal("4.4")

    education = programme_figures(Programme.objects.get(title="마을력강화 마을교육", year=2020))
    assert len(education.courses) == 4
    assert education.total.sessions == 65

    basic = Course.objects.get(kind=CourseKind.VOLUNTEER_BASIC)
    assert (course_figures([basic])[basic.pk].sessions, basic.recorded_participants) == (6, 71)

    held = Course.objects.get(title="금천 마을기록가 학교")
    live = course_figures([held])[held.pk]
    assert not held.has_recorded_figures
    assert (live.sessions, live.participants) == (4, 12)
    assert live.attendances == sum(1 for n in range(4) for i in range(12) if (i + n) % 5)
    assert live.satisfaction is not None

    open_school = Course.objects.get(kind=CourseKind.SELF_GOVERNANCE_SCHOOL)
    assert open_school.registration_is_open(now)
