"""Staff set up forums and staged processes through their forms: a refusal shows beside the
field it is about and stores nothing; dong staff set up only their dong's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.consultations.models import Forum, Process
from tests.consultations.conftest import make_consultation
from tests.consultations.test_forums import make_forum
from tests.korean import assert_shows, korean, page_text

pytestmark = pytest.mark.django_db


def _new_forum(client, **overrides):
    start = timezone.localtime() + timedelta(days=14)
    data = {
        "kind": "governance",
        "title": "2022 협치론장: 마을 돌봄",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "금천구청 12층 대회의실",
        "capacity": "60",
        "target_groups": ["residents", "parents"],
        "description": "돌봄 공백을 함께 이야기합니다.",
    }
    data.update(overrides)
    return client.post(reverse("consultations:staff_new_forum"), data)


def test_staff_create_a_forum(client, district_staff):
    client.force_login(district_staff)
    assert client.get(reverse("consultations:staff_forums")).status_code == 200
    assert client.get(reverse("consultations:staff_new_forum")).status_code == 200

    response = _new_forum(client)

    forum = Forum.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("consultations:staff_forum", args=[forum.pk])
    assert (forum.kind, forum.capacity, forum.target_groups) == (
        "governance",
        60,
        ["residents", "parents"],
    )
    assert forum.published_at is not None


@pytest.mark.parametrize(
    ("overrides", "field", "msgid"),
    [
        ({"capacity": "0"}, "capacity", "The capacity must be at least 1."),
        ({"target_groups": []}, "target_groups", "Choose the groups invited from the list."),
        (
            {"place": "연락처 900101-1234567"},
            "place",
            "Please remove the resident registration number. Maeul must not store it.",
        ),
        (
            {"description": "연락처 900101-1234567"},
            None,
            "Please remove the resident registration number. Maeul must not store it.",
        ),
    ],
)
def test_a_bad_forum_is_refused_beside_the_field(client, district_staff, overrides, field, msgid):
    client.force_login(district_staff)

    response = _new_forum(client, **overrides)

    assert response.status_code == 400
    assert_shows(response, msgid)
    if field:
        assert response.context["form"].errors[field] == [korean(msgid)]
    assert Forum.objects.count() == 0


def test_a_forum_without_a_title_is_refused(client, district_staff):
    client.force_login(district_staff)

    response = _new_forum(client, title="   ", kind="nonsense")

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "kind"}
    assert Forum.objects.count() == 0


def test_a_forum_ending_before_it_starts_is_refused_beside_the_end(client, district_staff):
    client.force_login(district_staff)
    start = timezone.localtime() + timedelta(days=3)

    response = _new_forum(
        client,
        ends_at=(start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        starts_at=start.strftime("%Y-%m-%dT%H:%M"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"] == [
        korean("The forum must end after it starts.")
    ]
    assert Forum.objects.count() == 0


def _new_process(client, **data):
    return client.post(
        reverse("consultations:staff_new_process"), {"title": "2022 금천 로컬랩", **data}
    )


def test_staff_lay_out_a_process_in_order(client, geumcheon, district_staff):
    forum = make_forum(geumcheon, district_staff, title="소공론장")
    consultation = make_consultation(geumcheon, district_staff)
    client.force_login(district_staff)
    page = client.get(reverse("consultations:staff_new_process"))
    assert "소공론장" in page_text(page)

    response = _new_process(
        client,
        stage_1_title="주민 설문",
        stage_1=f"consultation:{consultation.pk}",
        stage_3_title="소공론장에서 이슈 찾기",
        stage_3=f"forum:{forum.pk}",
    )

    process = Process.objects.get()
    assert response.status_code == 302
    assert [(s.position, s.title, s.step) for s in process.stages.all()] == [
        (1, "주민 설문", consultation),
        (2, "소공론장에서 이슈 찾기", forum),
    ]


def test_a_process_without_stages_or_with_a_stage_elsewhere_is_refused(
    client, geumcheon, yeongdeungpo, district_staff, other_district_staff
):
    elsewhere = make_consultation(yeongdeungpo, other_district_staff)
    client.force_login(district_staff)

    empty = _new_process(client)
    untied = _new_process(client, stage_1_title="설문")
    foreign = _new_process(client, stage_1=f"consultation:{elsewhere.pk}")

    assert (empty.status_code, untied.status_code, foreign.status_code) == (400, 400, 400)
    assert_shows(empty, "Enter the title and at least one stage.")
    assert untied.context["form"].errors["stage_1"] == [
        korean("Choose the forum, consultation or vote of this stage.")
    ]
    assert "stage_1" in foreign.context["form"].errors
    assert Process.objects.count() == 0


def test_residents_cannot_reach_the_forms(client, resident):
    client.force_login(resident)
    assert client.get(reverse("consultations:staff_new_forum")).status_code in (302, 403)
    assert _new_process(client).status_code in (302, 403)
    assert Process.objects.count() == 0
