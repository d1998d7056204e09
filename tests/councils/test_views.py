"""Council pages through the client: public pages, the application, the staff desk."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maeul.councils.models import (
    ApplicationStatus,
    CouncilMember,
    CyclePhase,
    CycleStep,
    MemberRole,
    MembershipApplication,
    Recruitment,
    RecruitmentStatus,
    Section,
    SelectionRoute,
    Term,
)
from maeul.councils.services import members as member_svc
from maeul.councils.services import recruitment as recruitment_svc
from maeul.councils.services.members import ensure_council

pytestmark = pytest.mark.django_db


def _closed(recruitment):
    recruitment.opens_at = timezone.now() - timedelta(days=10)
    recruitment.closes_at = timezone.now() - timedelta(minutes=1)
    recruitment.save()


# --- Public pages --------------------------------------------------------------------------
def test_list_shows_the_district_councils_with_their_phase(
    client,
    doksan1_council,
    gasan_council,
    governance_council,
    geumcheon,
    django_assert_max_num_queries,
):
    for dong in geumcheon.dongs.all():
        ensure_council(dong=dong)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("councils:list"), {"district": geumcheon.code})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 11
    assert rows[0]["council"] == governance_council
    assert all(row["phase"] is not None for row in rows)  # execution runs all year
    assert "독산1동 주민자치회" in response.content.decode()


def test_list_ignores_an_unknown_district(client, doksan1_council):
    response = client.get(reverse("councils:list"), {"district": "nope"})
    assert response.status_code == 200
    assert response.context["district"] == doksan1_council.district


def test_detail_shows_members_sections_and_the_timeline(
    client, doksan1_council, council_member, council_chair
):
    response = client.get(reverse("councils:detail", kwargs={"pk": doksan1_council.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "김독산" in body and "박위원장" in body
    assert "resident@example.kr" not in body
    assert 'aria-current="step"' in body
    assert "마을복지분과" in body
    assert response.context["term"].number == 2
    assert list(response.context["members"]) == [council_chair, council_member]


def test_detail_of_a_missing_council_is_404(client, db):
    assert client.get(reverse("councils:detail", kwargs={"pk": 999})).status_code == 404


def test_detail_links_to_an_open_recruitment(client, doksan1_council, recruitment):
    response = client.get(reverse("councils:detail", kwargs={"pk": doksan1_council.pk}))
    assert response.context["recruitment_open"] is True
    assert (
        reverse("councils:recruitment", kwargs={"pk": doksan1_council.pk})
        in response.content.decode()
    )


def test_recruitment_page_without_a_call(client, doksan1_council):
    response = client.get(reverse("councils:recruitment", kwargs={"pk": doksan1_council.pk}))
    assert response.status_code == 200
    assert response.context["recruitment"] is None


def test_eligible_resident_sees_the_form_and_applies(
    client, doksan1_council, recruitment, resident
):
    client.force_login(resident)
    page = reverse("councils:recruitment", kwargs={"pk": doksan1_council.pk})
    assert client.get(page).context["form"] is not None
    section = doksan1_council.sections.get(name="문화교육분과")
    response = client.post(
        reverse("councils:apply", kwargs={"pk": doksan1_council.pk}),
        {
            "public_name": "독산 주민",
            "route": "open_call",
            "wanted_section": section.pk,
            "motivation": "문화 행사를 함께 만들고 싶습니다.",
        },
    )
    assert response.status_code == 302
    application = MembershipApplication.objects.get(user=resident)
    assert application.wanted_section == section
    assert client.get(page).context["mine"] == application


def test_applying_twice_through_the_page_is_refused(client, doksan1_council, recruitment, resident):
    recruitment_svc.apply(
        recruitment=recruitment,
        user=resident,
        public_name="주민",
        motivation="다시",
        now=timezone.now(),
    )
    client.force_login(resident)
    response = client.post(
        reverse("councils:apply", kwargs={"pk": doksan1_council.pk}),
        {"public_name": "주민", "route": "open_call", "motivation": "두 번째"},
    )
    assert response.status_code == 400
    assert MembershipApplication.objects.count() == 1


def test_an_invalid_application_is_shown_again(client, doksan1_council, recruitment, resident):
    client.force_login(resident)
    response = client.post(
        reverse("councils:apply", kwargs={"pk": doksan1_council.pk}),
        {"public_name": "", "route": "open_call", "motivation": ""},
    )
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not MembershipApplication.objects.exists()


def test_unverified_person_sees_the_reason(
    client, doksan1_council, recruitment, unverified_resident
):
    client.force_login(unverified_resident)
    with translation.override("en"):
        response = client.get(
            reverse("councils:recruitment", kwargs={"pk": doksan1_council.pk}),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.context["form"] is None
    assert not response.context["decision"]
    response = client.post(
        reverse("councils:apply", kwargs={"pk": doksan1_council.pk}),
        {"public_name": "새 주민", "route": "open_call", "motivation": "신청합니다"},
    )
    assert response.status_code == 400
    assert not MembershipApplication.objects.exists()


def test_person_of_another_dong_sees_the_reason(client, doksan1_council, recruitment, neighbour):
    client.force_login(neighbour)
    response = client.get(reverse("councils:recruitment", kwargs={"pk": doksan1_council.pk}))
    assert "독산1동" in response.context["decision"].reason
    assert "독산1동" in response.content.decode()


def test_anonymous_apply_goes_to_login(client, doksan1_council, recruitment):
    response = client.post(reverse("councils:apply", kwargs={"pk": doksan1_council.pk}), {})
    assert response.status_code == 302
    assert "login" in response.url


def test_result_page_publishes_the_seed_and_ranks(
    client, doksan1_council, recruitment, make_applicant, dong_staff
):
    for n in range(7):
        recruitment_svc.apply(
            recruitment=recruitment,
            user=make_applicant(f"신청{n}"),
            public_name=f"신청자{n}",
            motivation="함께하고 싶습니다",
            now=timezone.now(),
        )
    _closed(recruitment)
    recruitment_svc.select_members(
        recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None, seed="3-9-27"
    )
    response = client.get(reverse("councils:recruitment", kwargs={"pk": doksan1_council.pk}))
    body = response.content.decode()
    assert "3-9-27" in body
    results = response.context["results"]
    assert [a.lottery_rank for a in results] == list(range(1, 8))
    assert sum(a.status == ApplicationStatus.SELECTED for a in results) == 5
    assert "신청자0" in body


# --- Staff desk ----------------------------------------------------------------------------
def desk(council):
    return reverse("councils:staff_desk", kwargs={"pk": council.pk})


def test_desk_renders_for_dong_staff(
    client, doksan1_council, council_member, recruitment, dong_staff
):
    client.force_login(dong_staff)
    response = client.get(desk(doksan1_council))
    assert response.status_code == 200
    assert response.context["term"].number == 2
    assert council_member in response.context["members"]


def test_desk_of_another_dong_is_404(client, doksan1_council, other_dong_staff):
    client.force_login(other_dong_staff)
    assert client.get(desk(doksan1_council)).status_code == 404


def test_desk_is_forbidden_to_residents(client, doksan1_council, resident):
    client.force_login(resident)
    assert client.get(desk(doksan1_council)).status_code == 403


def test_desk_sends_anonymous_people_to_login(client, doksan1_council):
    response = client.get(desk(doksan1_council))
    assert response.status_code == 302


def test_district_staff_see_every_council_of_their_district(
    client, doksan1_council, gasan_council, governance_council, district_staff, other_district_staff
):
    client.force_login(district_staff)
    response = client.get(reverse("councils:staff_list"))
    assert set(response.context["councils"]) == {doksan1_council, gasan_council, governance_council}
    assert client.get(desk(governance_council)).status_code == 200
    client.force_login(other_district_staff)
    assert client.get(desk(governance_council)).status_code == 404


def _member_post(term, **extra):
    data = {
        "term": term.pk,
        "public_name": "최위원",
        "role": MemberRole.MEMBER,
        "section": "",
        "route": SelectionRoute.OPEN_CALL,
        "joined_on": term.starts_on.isoformat(),
        "user": "",
    }
    data.update(extra)
    return data


def test_staff_add_a_member(client, doksan1_council, doksan1_term, resident, dong_staff):
    client.force_login(dong_staff)
    url = reverse("councils:staff_add_member", kwargs={"pk": doksan1_council.pk})
    response = client.post(url, _member_post(doksan1_term, user="RESIDENT@example.kr"))
    assert response.status_code == 302
    member = doksan1_term.members.get()
    assert member.user == resident


def test_adding_a_member_with_an_unknown_email_is_refused(
    client, doksan1_council, doksan1_term, dong_staff
):
    client.force_login(dong_staff)
    url = reverse("councils:staff_add_member", kwargs={"pk": doksan1_council.pk})
    response = client.post(url, _member_post(doksan1_term, user="nobody@example.kr"))
    assert response.status_code == 400
    assert not doksan1_term.members.exists()


def test_the_51st_member_is_refused_on_the_desk(client, doksan1_council, doksan1_term, dong_staff):
    CouncilMember.objects.bulk_create(
        CouncilMember(term=doksan1_term, public_name=f"위원{n}", joined_on=doksan1_term.starts_on)
        for n in range(50)
    )
    client.force_login(dong_staff)
    url = reverse("councils:staff_add_member", kwargs={"pk": doksan1_council.pk})
    with translation.override("en"):
        response = client.post(url, _member_post(doksan1_term), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.context["member_form"].non_field_errors()
    assert doksan1_term.members.count() == 50


def test_a_second_chair_is_refused_on_the_desk(
    client, doksan1_council, doksan1_term, council_chair, dong_staff
):
    client.force_login(dong_staff)
    url = reverse("councils:staff_add_member", kwargs={"pk": doksan1_council.pk})
    response = client.post(url, _member_post(doksan1_term, role=MemberRole.CHAIR))
    assert response.status_code == 400
    assert doksan1_term.members.count() == 1


def test_a_section_of_another_council_is_refused_on_the_desk(
    client, doksan1_council, doksan1_term, gasan_council, dong_staff
):
    client.force_login(dong_staff)
    url = reverse("councils:staff_add_member", kwargs={"pk": doksan1_council.pk})
    response = client.post(url, _member_post(doksan1_term, section=gasan_council.sections.get().pk))
    assert response.status_code == 400  # not a choice of this council's sections
    assert not doksan1_term.members.exists()


def test_other_dong_staff_cannot_post_to_the_desk(
    client, doksan1_council, doksan1_term, council_member, recruitment, other_dong_staff
):
    client.force_login(other_dong_staff)
    before = (CouncilMember.objects.count(), Term.objects.count(), Section.objects.count())
    pk = doksan1_council.pk
    posts = [
        (reverse("councils:staff_add_member", kwargs={"pk": pk}), _member_post(doksan1_term)),
        (
            reverse("councils:staff_start_term", kwargs={"pk": pk}),
            {"number": 9, "starts_on": "2040-01-01"},
        ),
        (reverse("councils:staff_add_section", kwargs={"pk": pk}), {"name": "새분과"}),
        (reverse("councils:staff_plan_cycle", kwargs={"pk": pk}), {"year": 2030}),
        (
            reverse("councils:staff_member", kwargs={"member_pk": council_member.pk}),
            {"public_name": "x", "role": "chair"},
        ),
        (
            reverse("councils:staff_end_member", kwargs={"member_pk": council_member.pk}),
            {"left_on": "2030-01-01"},
        ),
        (reverse("councils:staff_close_recruitment", kwargs={"pk": recruitment.pk}), {}),
        (reverse("councils:staff_select_members", kwargs={"pk": recruitment.pk}), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert (CouncilMember.objects.count(), Term.objects.count(), Section.objects.count()) == before
    council_member.refresh_from_db()
    assert council_member.role == MemberRole.MEMBER and council_member.left_on is None
    recruitment.refresh_from_db()
    assert recruitment.status == RecruitmentStatus.OPEN
    assert not CycleStep.objects.exists()


def test_staff_start_a_term(client, doksan1_council, doksan1_term, dong_staff):
    client.force_login(dong_staff)
    starts = doksan1_term.ends_on + timedelta(days=1)
    response = client.post(
        reverse("councils:staff_start_term", kwargs={"pk": doksan1_council.pk}),
        {"number": 3, "starts_on": starts.isoformat()},
    )
    assert response.status_code == 302
    assert doksan1_council.terms.get(number=3).starts_on == starts


def test_an_overlapping_term_is_refused_on_the_desk(
    client, doksan1_council, doksan1_term, dong_staff
):
    client.force_login(dong_staff)
    response = client.post(
        reverse("councils:staff_start_term", kwargs={"pk": doksan1_council.pk}),
        {"number": 3, "starts_on": doksan1_term.starts_on.isoformat()},
    )
    assert response.status_code == 400
    assert doksan1_council.terms.count() == 1


def test_staff_add_a_section(client, doksan1_council, dong_staff):
    client.force_login(dong_staff)
    response = client.post(
        reverse("councils:staff_add_section", kwargs={"pk": doksan1_council.pk}),
        {"name": "환경분과"},
    )
    assert response.status_code == 302
    assert doksan1_council.sections.filter(name="환경분과").exists()


def test_staff_change_and_end_a_member(client, council_member, doksan1_sections, dong_staff):
    client.force_login(dong_staff)
    url = reverse("councils:staff_member", kwargs={"member_pk": council_member.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"public_name": "김독산", "role": "vice_chair", "section": doksan1_sections[1].pk}
    )
    assert response.status_code == 302
    term = council_member.term
    desk = reverse("councils:staff_desk", kwargs={"pk": term.council_id})
    assert response.url == f"{desk}?term={term.number}"  # back on the member's term
    council_member.refresh_from_db()
    assert council_member.role == MemberRole.VICE_CHAIR
    assert council_member.section == doksan1_sections[1]
    end = reverse("councils:staff_end_member", kwargs={"member_pk": council_member.pk})
    bad = client.post(end, {"left_on": (council_member.joined_on - timedelta(days=1)).isoformat()})
    assert bad.status_code == 400
    response = client.post(end, {"left_on": council_member.joined_on.isoformat()})
    assert response.status_code == 302
    council_member.refresh_from_db()
    assert council_member.left_on == council_member.joined_on


def test_staff_open_a_call(client, doksan1_council, next_term, dong_staff):
    client.force_login(dong_staff)
    now = timezone.localtime()
    response = client.post(
        reverse("councils:staff_open_recruitment", kwargs={"pk": doksan1_council.pk}),
        {
            "term": next_term.pk,
            "seats": 30,
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    assert Recruitment.objects.get(term=next_term).seats == 30


def test_a_call_closing_before_it_opens_is_refused(client, doksan1_council, next_term, dong_staff):
    client.force_login(dong_staff)
    now = timezone.localtime()
    response = client.post(
        reverse("councils:staff_open_recruitment", kwargs={"pk": doksan1_council.pk}),
        {
            "term": next_term.pk,
            "seats": 30,
            "opens_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400
    assert not Recruitment.objects.exists()


def test_selecting_before_the_close_is_refused_on_the_desk(client, recruitment, dong_staff):
    client.force_login(dong_staff)
    response = client.post(
        reverse("councils:staff_select_members", kwargs={"pk": recruitment.pk}), {"seed": ""}
    )
    assert response.status_code == 400
    recruitment.refresh_from_db()
    assert recruitment.status == RecruitmentStatus.OPEN


def test_staff_close_then_select(client, recruitment, resident, dong_staff):
    recruitment_svc.apply(
        recruitment=recruitment,
        user=resident,
        public_name="독산 주민",
        motivation="신청",
        now=timezone.now(),
    )
    client.force_login(dong_staff)
    close = reverse("councils:staff_close_recruitment", kwargs={"pk": recruitment.pk})
    assert client.post(close).status_code == 302
    assert client.post(close).status_code == 400  # already closed
    response = client.post(
        reverse("councils:staff_select_members", kwargs={"pk": recruitment.pk}), {"seed": ""}
    )
    assert response.status_code == 302
    desk = reverse("councils:staff_desk", kwargs={"pk": recruitment.term.council_id})
    assert response.url == f"{desk}?term={recruitment.term.number}"  # the term filled
    assert CouncilMember.objects.get(term=recruitment.term).user == resident


def test_staff_plan_the_cycle_and_move_a_step(client, doksan1_council, dong_staff):
    client.force_login(dong_staff)
    url = reverse("councils:staff_plan_cycle", kwargs={"pk": doksan1_council.pk})
    assert client.post(url, {"year": 2031}).status_code == 302
    assert doksan1_council.cycle_steps.filter(year=2031).count() == 6
    assert client.post(url, {"year": 2031}).status_code == 400  # planned already
    assert client.post(url, {"year": "이천"}).status_code == 400
    step = doksan1_council.cycle_steps.get(year=2031, phase=CyclePhase.ASSEMBLY)
    step_url = reverse("councils:staff_step", kwargs={"pk": step.pk})
    assert client.get(step_url).status_code == 200
    response = client.post(step_url, {"starts_on": "2031-05-10", "ends_on": "2031-06-20"})
    assert response.status_code == 302
    assert response.url == reverse("councils:staff_desk", kwargs={"pk": doksan1_council.pk})
    step.refresh_from_db()
    assert step.ends_on.isoformat() == "2031-06-20"
    assert (
        client.post(step_url, {"starts_on": "2031-06-20", "ends_on": "2031-05-10"}).status_code
        == 400
    )


def test_desk_shows_the_chosen_term(client, doksan1_council, next_term, dong_staff):
    member_svc.add_member(
        term=next_term,
        public_name="미래 위원",
        role=MemberRole.MEMBER,
        section=None,
        route=SelectionRoute.OPEN_CALL,
        joined_on=next_term.starts_on,
        staff=dong_staff,
        now=timezone.now(),
        ip=None,
    )
    client.force_login(dong_staff)
    response = client.get(desk(doksan1_council), {"term": 3})
    assert response.context["term"] == next_term
    assert [m.public_name for m in response.context["members"]] == ["미래 위원"]
