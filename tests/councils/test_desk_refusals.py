"""A rule the service checks is checked once: the desk's form passes the input on, and the
service's refusal comes back beside the field it names, in Korean, with nothing changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.councils.models import CouncilEvent, EventKind, Meeting, MeetingKind, Recruitment, Term
from tests.korean import assert_shows

pytestmark = pytest.mark.django_db


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# case: (url name, posted data from (now, next term), form, field, English message, rows)
CASES = {
    "term number": (
        "councils:staff_start_term",
        lambda now, term: {"number": "0", "starts_on": "2040-01-01"},
        "term_form",
        "number",
        "The term number must be 1 or more.",
        Term,
    ),
    "places": (
        "councils:staff_open_recruitment",
        lambda now, term: {
            "term": term.pk,
            "seats": "0",
            "opens_at": _local(now),
            "closes_at": _local(now + timedelta(days=30)),
        },
        "recruitment_form",
        "seats",
        "There must be at least one place.",
        Recruitment,
    ),
    "guests": (
        "councils:staff_meeting",
        lambda now, term: {
            "kind": MeetingKind.JOINT,
            "held_at": _local(now - timedelta(days=1)),
            "guests": "-2",
        },
        "meeting_form",
        "guests",
        "The number of other people present must be zero or more.",
        Meeting,
    ),
    "days of announcement": (
        "councils:staff_event_schedule",
        lambda now, term: {
            "kind": EventKind.POLICY_SHARING,
            "year": timezone.localdate(now).year,
            "title": "정책공유회",
            "starts_at": _local(now + timedelta(days=30)),
            "place": "주민센터",
            "announce_days": "0",
        },
        "event_form",
        "announce_days",
        "The announcement must come between 1 and %(most)d days before the event.",
        CouncilEvent,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_service_refusal_shows_beside_its_field(
    client, doksan1_council, next_term, dong_staff, now, case
):
    name, data, form_key, field, message, model = CASES[case]
    before = model.objects.count()
    client.force_login(dong_staff)

    response = client.post(reverse(name, kwargs={"pk": doksan1_council.pk}), data(now, next_term))

    assert response.status_code == 400
    assert list(response.context[form_key].errors) == [field]
    assert_shows(response, message, most=365)  # `most` fills the one message that has it
    assert model.objects.count() == before
