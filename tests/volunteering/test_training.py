"""An activity that needs a training: only volunteers who completed it sign up, and staff
see the trained volunteers to invite."""

import pytest
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.volunteering.models import SignUp
from maeul.volunteering.services import sign_ups
from maeul.volunteering.training import suggested_volunteers
from tests.volunteering.conftest import NOW, complete, make_activity, make_course, make_shift

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(geumcheon):
    return make_course(geumcheon)


@pytest.fixture
def matched(camp, course):
    return make_activity(camp, title="어르신 댁 정리수납", required_course=course)


def test_sign_up_without_the_required_training_is_refused(resident, matched):
    shift = make_shift(matched)
    with translation.override("ko"), pytest.raises(RuleViolation) as caught:
        sign_ups.sign_up(shift=shift, user=resident, now=NOW)
    assert caught.value.code == "not_eligible"
    assert "정리수납 전문교육" in caught.value.message
    assert not SignUp.objects.exists()


def test_a_trained_volunteer_signs_up(resident, matched, course):
    complete(course, resident)
    assert sign_ups.sign_up(shift=make_shift(matched), user=resident, now=NOW)


def test_staff_see_trained_volunteers_not_yet_signed_up(resident, neighbour, matched, course):
    complete(course, resident)
    complete(course, neighbour)
    shift = make_shift(matched)
    sign_ups.sign_up(shift=shift, user=neighbour, now=NOW)
    assert suggested_volunteers(matched) == [resident]


def test_no_suggestions_without_a_required_training(resident, activity):
    assert suggested_volunteers(activity) == []


def test_someone_waiting_is_not_suggested_again(resident, neighbour, matched, course):
    complete(course, resident)
    complete(course, neighbour)
    shift = make_shift(matched, places=1)
    sign_ups.sign_up(shift=shift, user=neighbour, now=NOW)
    sign_ups.join_waiting_list(shift=shift, user=resident, now=NOW)
    assert suggested_volunteers(matched) == []
