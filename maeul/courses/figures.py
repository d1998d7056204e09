"""The figures the seeds report for courses, computed once for the page, the API and the
XLSX: 건수(회) sessions, 시수(시간) hours, 실인원(명) distinct people, 연인원(명)
attendances and 만족도 (the mean 1-5 answer, one decimal), per course and per programme,
with the programme's targets against them.

The rule for where a figure comes from:
- a live course (no recorded totals) counts its rows: its sessions and their hours, the
  people with an attendance (실인원) and the attendances (연인원), the mean of its
  satisfaction answers;
- a course of an earlier year whose figures come from a report keeps them as recorded
  totals on the course (`Course.recorded_*`), and those are its figures, as reported.
A programme adds up its courses: 건수, 시수 and 연인원 are sums; 실인원 counts each person
of its live courses once, plus the recorded 실인원 of its recorded courses (a report cannot
tell whether two of its rows were the same person, and the seeds' totals add them up);
만족도 is the mean over people: each live answer counts once and a recorded course's
만족도 counts as many times as its 실인원 (which gives the seeds' 4.4 for the Seoul
centre's 2019 practitioner training).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from maeul.core.subqueries import figures_of_each
from maeul.courses.models import Attendance, Course, Programme, SatisfactionAnswer, Session

ZERO = Decimal(0)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Figures:
    sessions: int  # 건수(회)
    hours: Decimal  # 시수(시간)
    participants: int  # 실인원(명)
    attendances: int  # 연인원(명)
    satisfaction: Decimal | None  # 만족도, one decimal; None when nobody answered
    score_total: Decimal = ZERO  # the sum of the answers (weighted), to combine figures
    score_weight: int = 0  # how many answers (or people, for recorded figures)


NONE = Figures(sessions=0, hours=ZERO, participants=0, attendances=0, satisfaction=None)


def mean(total: Decimal, weight: int) -> Decimal | None:
    if weight == 0:
        return None
    return (total / weight).quantize(TENTH, rounding=ROUND_HALF_UP)


def _recorded(course: Course) -> Figures:
    satisfaction = course.recorded_satisfaction
    people = course.recorded_participants or 0
    weight = people if satisfaction is not None else 0
    return Figures(
        sessions=course.recorded_sessions or 0,
        hours=course.recorded_hours or ZERO,
        participants=people,
        attendances=course.recorded_attendances or 0,
        satisfaction=satisfaction,
        score_total=(satisfaction or ZERO) * weight,
        score_weight=weight,
    )


def course_figures(courses: Iterable[Course]) -> dict[int, Figures]:
    """The figures of each course (by id), in four queries whatever the number of courses."""
    courses = list(courses)
    result = {c.pk: _recorded(c) for c in courses if c.has_recorded_figures}
    live = [c.pk for c in courses if not c.has_recorded_figures]
    if not live:
        return result
    sessions = figures_of_each(
        Session.objects.filter(course_id__in=live), "course_id", n=Count("pk"), hours=Sum("hours")
    )
    attendances = figures_of_each(
        Attendance.objects.filter(session__course_id__in=live),
        "session__course_id",
        n=Count("pk"),
        people=Count("user_id", distinct=True),
    )
    answers = figures_of_each(
        SatisfactionAnswer.objects.filter(session__course_id__in=live),
        "session__course_id",
        n=Count("pk"),
        total=Sum("score"),
    )
    for pk in live:
        s, a, v = sessions.get(pk, {}), attendances.get(pk, {}), answers.get(pk, {})
        total, weight = Decimal(v.get("total") or 0), v.get("n", 0)
        result[pk] = Figures(
            sessions=s.get("n", 0),
            hours=Decimal(s.get("hours") or 0),
            participants=a.get("people", 0),
            attendances=a.get("n", 0),
            satisfaction=mean(total, weight),
            score_total=total,
            score_weight=weight,
        )
    return result


def combine(figures: Iterable[Figures], *, participants: int) -> Figures:
    """Several courses' figures as one, with 실인원 given (people are counted once)."""
    rows = list(figures)
    total = sum((f.score_total for f in rows), ZERO)
    weight = sum(f.score_weight for f in rows)
    return Figures(
        sessions=sum(f.sessions for f in rows),
        hours=sum((f.hours for f in rows), ZERO),
        participants=participants,
        attendances=sum(f.attendances for f in rows),
        satisfaction=mean(total, weight),
        score_total=total,
        score_weight=weight,
    )


@dataclass(frozen=True)
class Target:
    label: str
    target: int | Decimal | None
    actual: int | Decimal | None

    @property
    def percent(self) -> int | None:
        """The actual as a share of the target (rounded down), None without a target."""
        if not self.target or self.actual is None:
            return None
        return int(Decimal(self.actual) * 100 / Decimal(self.target))


@dataclass(frozen=True)
class ProgrammeFigures:
    programme: Programme
    courses: list[Course]
    by_course: dict[int, Figures]
    total: Figures

    @property
    def targets(self) -> list[Target]:
        p, t = self.programme, self.total
        return [
            Target("courses", p.target_courses, len(self.courses)),
            Target("sessions", p.target_sessions, t.sessions),
            Target("participants", p.target_participants, t.participants),
            Target("attendances", p.target_attendances, t.attendances),
            Target("satisfaction", p.target_satisfaction, t.satisfaction),
        ]


def programme_figures(
    programme: Programme, courses: Iterable[Course] | None = None
) -> ProgrammeFigures:
    """A programme's figures: each course's, and the programme's total (see the module)."""
    rows = list(courses if courses is not None else programme.courses.order_by("pk"))
    by_course = course_figures(rows)
    live = [c.pk for c in rows if not c.has_recorded_figures]
    people = (
        Attendance.objects.filter(session__course_id__in=live).values("user_id").distinct().count()
        if live
        else 0
    )
    recorded = sum(by_course[c.pk].participants for c in rows if c.has_recorded_figures)
    total = combine(by_course.values(), participants=people + recorded)
    return ProgrammeFigures(programme=programme, courses=rows, by_course=by_course, total=total)
