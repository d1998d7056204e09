"""The debate: arguments for and against, replies, support once, reports into the
moderation queue, hiding; script stays inert, resident numbers are refused."""

from datetime import timedelta

import pytest
from django.utils import translation

from maeul.consultations.models import Argument, ArgumentSupport
from maeul.consultations.services import debate, running
from maeul.core.errors import RuleViolation
from tests.consultations.conftest import NOW
from tests.korean import korean


def _argue(consultation, who, body="공원에 그늘이 필요합니다.", stance="for", now=NOW, parent=None):
    return debate.add_argument(
        author=who, consultation=consultation, body=body, stance=stance, parent=parent, now=now
    )


def _refused(call) -> RuleViolation:
    before = (Argument.objects.count(), ArgumentSupport.objects.count())
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        call()
    assert (Argument.objects.count(), ArgumentSupport.objects.count()) == before
    return refusal.value


def test_argument_and_reply(consultation, resident, neighbour):
    argument = _argue(consultation, resident)
    reply = _argue(consultation, neighbour, body="그늘막이면 충분합니다.", parent=argument)

    assert (argument.stance, reply.stance, reply.parent) == ("for", "", argument)


def test_an_argument_needs_a_stance(consultation, resident):
    refusal = _refused(lambda: _argue(consultation, resident, stance=""))

    assert refusal.message == korean("Choose whether you argue for or against.")


def test_no_reply_to_a_reply(consultation, resident, neighbour):
    argument = _argue(consultation, resident)
    reply = _argue(consultation, neighbour, parent=argument)

    refusal = _refused(lambda: _argue(consultation, resident, parent=reply))

    assert refusal.message == korean("You can reply only to a visible argument.")


def test_no_arguments_after_the_close(consultation, resident):
    refusal = _refused(lambda: _argue(consultation, resident, now=consultation.closes_at))

    assert refusal.message == korean("This consultation has closed.")


def test_script_is_stored_as_typed(consultation, resident):
    argument = _argue(consultation, resident, body="<script>alert('x')</script>")

    assert argument.body == "<script>alert('x')</script>"


def test_a_resident_number_is_refused(consultation, resident):
    refusal = _refused(lambda: _argue(consultation, resident, body="연락 주세요 900101 1234567"))

    assert refusal.code == "resident_number"


def test_support_once_and_never_ones_own(consultation, resident, neighbour):
    argument = _argue(consultation, resident)
    debate.support_argument(user=neighbour, argument=argument, now=NOW)

    twice = _refused(lambda: debate.support_argument(user=neighbour, argument=argument, now=NOW))
    own = _refused(lambda: debate.support_argument(user=resident, argument=argument, now=NOW))

    assert twice.message == korean("You have already supported this argument.")
    assert own.message == korean("You cannot support your own argument.")
    argument.refresh_from_db()
    assert argument.support_count == 1


def test_a_reported_argument_waits_in_the_queue_until_hidden(
    consultation, resident, neighbour, district_staff
):
    argument = _argue(consultation, resident)
    debate.report_argument(reporter=neighbour, argument=argument, reason="욕설", now=NOW)
    assert list(Argument.objects.reported()) == [argument]

    debate.hide_argument(
        staff=district_staff, argument=argument, reason="욕설이 있습니다.", ip=None, now=NOW
    )

    assert list(Argument.objects.reported()) == []
    argument.refresh_from_db()
    assert argument.is_hidden


def test_staff_summary_after_the_close(consultation, district_staff):
    later = consultation.closes_at + timedelta(hours=1)

    running.summarise_debate(
        consultation=consultation,
        text="찬성 의견이 많았습니다.",
        staff=district_staff,
        ip=None,
        now=later,
    )

    consultation.refresh_from_db()
    assert consultation.summary_published_at == later
