"""Staged processes (로컬랩): ordered stages of the district's forums, consultations and
votes, ending in a published decision."""

import pytest
from django.urls import reverse
from django.utils import translation

from maeul.consultations.models import Stage
from maeul.consultations.services import processes
from maeul.core.errors import RuleViolation
from tests.consultations.conftest import NOW, make_consultation
from tests.consultations.test_forums import make_forum

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(geumcheon, district_staff):
    forum = make_forum(geumcheon, district_staff, title="소공론장")
    consultation = make_consultation(geumcheon, district_staff)
    return processes.create_process(
        district=geumcheon,
        title="2021 금천 로컬랩",
        staff=district_staff,
        ip=None,
        now=NOW,
        stages=[("소공론장에서 이슈 찾기", forum), ("주민 설문", consultation)],
    )


def test_stages_keep_their_order(process):
    assert [(s.position, s.title) for s in Stage.objects.filter(process=process)] == [
        (1, "소공론장에서 이슈 찾기"),
        (2, "주민 설문"),
    ]


def test_a_stage_of_another_district_is_refused(
    geumcheon, yeongdeungpo, district_staff, other_district_staff
):
    elsewhere = make_consultation(yeongdeungpo, other_district_staff)

    with translation.override("ko"), pytest.raises(RuleViolation):
        processes.create_process(
            district=geumcheon,
            title="로컬랩",
            staff=district_staff,
            ip=None,
            now=NOW,
            stages=[("설문", elsewhere)],
        )


def test_the_decision_is_published_from_the_page(client, process, district_staff, resident):
    client.force_login(resident)
    refused = client.post(reverse("consultations:process_decide", args=[process.pk]), {"text": "x"})
    client.force_login(district_staff)

    done = client.post(
        reverse("consultations:process_decide", args=[process.pk]),
        {"text": "골목 주차 문제를 1순위 의제로 정합니다."},
    )

    assert (refused.status_code, done.status_code) == (403, 302)
    page = client.get(process.get_absolute_url()).content.decode()
    assert "골목 주차 문제를 1순위 의제로 정합니다." in page
    assert client.get(reverse("consultations:processes")).status_code == 200
