"""The figures: live courses count their rows, recorded ones keep their reported totals; a
programme counts each person once, and its 만족도 is the mean over people."""

from decimal import Decimal

from maeul.courses.figures import course_figures, programme_figures
from maeul.courses.models import Attendance, SatisfactionAnswer
from tests.courses.conftest import add_sessions, verified_person


def test_live_and_recorded_courses_and_the_programme_total(make_course, doksan1, now):
    first = make_course(title="A")
    second = make_course(title="B")
    a1, a2 = add_sessions(first, 2, now, hours="2.5")
    (b1,) = add_sessions(second, 1, now, hours="3")
    one, two = verified_person(doksan1), verified_person(doksan1)
    for session, people in ((a1, [one, two]), (a2, [one]), (b1, [one])):
        for person in people:
            Attendance.objects.create(session=session, user=person, recorded_at=now)
    SatisfactionAnswer.objects.create(session=a2, user=one, score=5, created_at=now)
    SatisfactionAnswer.objects.create(session=b1, user=one, score=4, created_at=now)
    reported = make_course(
        title="C",
        recorded_sessions=20,
        recorded_hours=Decimal("78.5"),
        recorded_participants=10,
        recorded_attendances=12,
        recorded_satisfaction=Decimal("3.0"),
    )

    figures = course_figures([first, second, reported])
    assert (figures[first.pk].sessions, figures[first.pk].hours) == (2, Decimal("5.0"))
    assert (figures[first.pk].participants, figures[first.pk].attendances) == (2, 3)
    assert figures[first.pk].satisfaction == Decimal("5.0")
    assert figures[reported.pk].hours == Decimal("78.5")
    assert figures[reported.pk].participants == 10

    table = programme_figures(first.programme)
    # `one` came to both live courses: counted once, plus the 10 people reported.
    assert table.total.participants == 2 + 10
    assert table.total.attendances == 3 + 1 + 12
    assert table.total.sessions == 2 + 1 + 20
    # (5 + 4 + 3.0 * 10 people) / 12
    assert table.total.satisfaction == Decimal("3.3")
    targets = {t.label: t for t in table.targets}
    assert targets["sessions"].percent == int(23 * 100 / 65)


def test_a_course_without_rows_has_no_satisfaction(make_course):
    course = make_course()
    figures = course_figures([course])[course.pk]
    assert (figures.sessions, figures.participants, figures.satisfaction) == (0, 0, None)
