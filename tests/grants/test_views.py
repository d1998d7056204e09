"""Grant pages through the client: public calls, the representative's group and application
pages, the file view, and the staff desks. Each path once: GET renders, a valid POST changes
and redirects, a refused one answers 400/403/404 and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from maeul.core.models import PersonalDataAccess
from maeul.grants.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    CommunityGroup,
    GrantCall,
    GroupMember,
)
from maeul.grants.services import applications
from tests.grants.conftest import (
    GARDEN_TEXT,
    make_call,
    make_group,
    open_call,
    pdf,
    write_draft,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_call(geumcheon):
    return open_call(geumcheon)


@pytest.fixture
def live_draft(live_call, group, resident):
    return write_draft(live_call, group, resident, title="골목 텃밭", description=GARDEN_TEXT)


def test_calls_are_listed_open_first_with_amounts(client, live_call, geumcheon):
    closed = make_call(geumcheon, title="지난 공모", year=2020)
    response = client.get(reverse("grants:calls"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index(live_call.title) < body.index(closed.title)
    assert "50,000" in body  # total budget in 천원
    assert "1,000,000" in body and "5,000,000" in body


def test_unpublished_calls_are_not_public(client, live_call):
    GrantCall.objects.filter(pk=live_call.pk).update(published_at=None)
    assert client.get(reverse("grants:call", args=[live_call.pk])).status_code == 404


def test_call_page_shows_timeline_and_caps(client, live_call):
    response = client.get(reverse("grants:call", args=[live_call.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "식비" in body and "10%" in body and "행사비" in body


def test_a_group_is_registered_from_its_page(client, resident, doksan1):
    client.force_login(resident)
    response = client.post(
        reverse("grants:groups"),
        {
            "name": "독산 책모임",
            "kind": "resident_circle",
            "dong": doksan1.pk,
            "contact": "010-1111-2222",
        },
    )
    group = CommunityGroup.objects.get()
    assert response.status_code == 302 and group.representative == resident
    assert "1111-2222" not in str(CommunityGroup.objects.values().get())


def test_a_bad_contact_is_refused_beside_its_field(client, resident, doksan1):
    client.force_login(resident)
    response = client.post(
        reverse("grants:groups"),
        {"name": "독산 책모임", "kind": "resident_circle", "dong": doksan1.pk, "contact": "12"},
    )
    assert response.status_code == 400
    assert not CommunityGroup.objects.exists()


def test_members_are_added_and_removed(client, resident, group):
    client.force_login(resident)
    url = reverse("grants:add_member", args=[group.pk])
    assert client.post(url, {"member_name": "정다섯", "tie": "living_area"}).status_code == 400
    assert (
        client.post(
            url, {"member_name": "정다섯", "tie": "living_area", "consent": "on"}
        ).status_code
        == 302
    )
    member = GroupMember.objects.get(name="정다섯")
    assert client.post(reverse("grants:remove_member", args=[member.pk])).status_code == 302
    assert not GroupMember.objects.filter(name="정다섯").exists()


def test_another_representatives_group_and_draft_are_not_found(
    client, neighbour, group, live_draft
):
    client.force_login(neighbour)
    assert client.get(reverse("grants:group", args=[group.pk])).status_code == 404
    assert client.get(reverse("grants:application", args=[live_draft.pk])).status_code == 404
    assert client.post(reverse("grants:submit", args=[live_draft.pk])).status_code == 404
    attachment = live_draft.attachments.get()
    assert client.get(reverse("grants:file", args=[attachment.pk])).status_code == 404
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def test_the_representative_writes_and_submits(client, resident, live_call, group):
    client.force_login(resident)
    response = client.post(reverse("grants:start", args=[live_call.pk]), {"group": group.pk})
    draft = Application.objects.get()
    assert response.status_code == 302
    page = reverse("grants:application", args=[draft.pk])
    assert client.get(page).status_code == 200
    response = client.post(
        reverse("grants:save", args=[draft.pk]),
        {
            "title": "골목 텃밭",
            "description": GARDEN_TEXT,
            "place": "독산로 1길",
            "dong": group.dong_id,
            "amount": "2,000,000",
        },
    )
    assert response.status_code == 302
    food = live_call.categories.get(name="식비")
    materials = live_call.categories.get(name="재료비")
    over = client.post(
        reverse("grants:add_line", args=[draft.pk]),
        {"category": food.pk, "item": "도시락", "line_amount": "300,000"},
    )
    assert over.status_code == 400 and "식비" in over.content.decode()
    assert not BudgetLine.objects.exists()
    client.post(
        reverse("grants:add_line", args=[draft.pk]),
        {"category": materials.pk, "item": "흙", "line_amount": "2,000,000"},
    )
    client.post(reverse("grants:attach", args=[draft.pk]), {"kind": "plan", "file": pdf()})
    response = client.post(reverse("grants:submit", args=[draft.pk]), follow=True)
    assert response.status_code == 200
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED


def test_a_lying_file_is_refused_on_the_page(client, resident, live_draft):
    client.force_login(resident)
    liar = SimpleUploadedFile("plan.hwp", b"MZ" + b"\x00" * 100)
    response = client.post(
        reverse("grants:attach", args=[live_draft.pk]), {"kind": "other", "file": liar}
    )
    assert response.status_code == 400
    assert live_draft.attachments.count() == 1


def test_the_file_is_served_to_the_owner_as_a_private_download(client, resident, live_draft):
    client.force_login(resident)
    attachment = live_draft.attachments.get()
    response = client.get(reverse("grants:file", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    assert not PersonalDataAccess.objects.exists()  # the group's own file: no access-log row
    client.logout()
    assert client.get(reverse("grants:file", args=[attachment.pk])).status_code == 302


def test_staff_see_the_duplicate_match(
    client,
    district_staff,
    other_dong_staff,
    live_call,
    live_draft,
    resident,
    other_group,
    neighbour,
):
    applications.submit_application(application=live_draft, user=resident, now=timezone.now())
    copy = write_draft(
        live_call, other_group, neighbour, title="골목 텃밭 가꾸기", description=GARDEN_TEXT
    )
    applications.submit_application(application=copy, user=neighbour, now=timezone.now())
    client.force_login(district_staff)
    desk = client.get(reverse("grants:staff_call", args=[live_call.pk])).content.decode()
    assert "가산 골목친구들" in desk and "유사 신청" in desk
    assert "사업명과 내용이 비슷함" in desk  # the reason beside the match
    page = client.get(reverse("grants:staff_application", args=[copy.pk]))
    assert page.status_code == 200 and "골목 텃밭" in page.content.decode()
    assert client.post(reverse("grants:staff_recheck", args=[copy.pk])).status_code == 302
    # The other group's file is readable by the staff who serve it, and the reading logged.
    attachment = copy.attachments.get()
    assert client.get(reverse("grants:file", args=[attachment.pk])).status_code == 200
    logged = PersonalDataAccess.objects.get()
    assert logged.staff == district_staff and str(copy.pk) in logged.subject_description
    # Staff of 독산1동 (other_dong_staff serves 가산동): the 독산 application is not theirs.
    client.force_login(other_dong_staff)
    assert client.get(reverse("grants:staff_application", args=[live_draft.pk])).status_code == 404


def test_staff_create_a_call_and_dong_staff_may_not(client, district_staff, dong_staff):
    data = {
        "programme": "living_lab",
        "year": "2026",
        "title": "리빙랩 공모",
        "dong": "",
        "total_budget": "30,000,000",
        "min_amount": "1,000,000",
        "max_amount": "5,000,000",
        "min_members": "3",
        "count_living_area": "on",
        "trade_groups_allowed": "on",
        "required_attachments": ["plan"],
        "notice": "리빙랩을 모집합니다.",
        "announced_on": "2026-12-01",
        "opens_at": "2026-12-10T09:00",
        "closes_at": "2026-12-20T18:00",
    }
    client.force_login(dong_staff)
    assert client.post(reverse("grants:staff_calls"), data).status_code == 403
    assert not GrantCall.objects.exists()
    client.force_login(district_staff)
    response = client.post(reverse("grants:staff_calls"), data)
    assert response.status_code == 302
    call = GrantCall.objects.get()
    assert call.total_budget == 30_000_000 and not call.is_published
    url = reverse("grants:staff_add_category", args=[call.pk])
    assert (
        client.post(url, {"kind": "project", "name": "행사비", "cap_percent": "30"}).status_code
        == 302
    )
    extra = client.post(url, {"kind": "operating", "name": "식비", "cap_won": "100,000"})
    assert extra.status_code == 302
    food = call.categories.get(name="식비")
    remove = reverse("grants:staff_remove_category", args=[food.pk])
    client.force_login(dong_staff)
    assert client.post(remove).status_code == 403
    client.force_login(district_staff)
    assert client.post(remove).status_code == 302
    assert list(call.categories.values_list("name", flat=True)) == ["행사비"]
    assert client.post(reverse("grants:staff_publish", args=[call.pk])).status_code == 302
    assert GrantCall.objects.get().is_published
    assert client.get(reverse("grants:staff_call", args=[call.pk])).status_code == 200


def test_residents_cannot_open_staff_pages(client, resident, live_call):
    client.force_login(resident)
    assert client.get(reverse("grants:staff_calls")).status_code == 403
    assert client.get(reverse("grants:staff_call", args=[live_call.pk])).status_code == 403


def test_staff_list_pages_run_a_fixed_number_of_queries(
    client, district_staff, live_call, django_assert_max_num_queries, resident, doksan1
):
    client.force_login(district_staff)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("grants:staff_call", args=[live_call.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("grants:calls")).status_code == 200


def test_group_history_lists_its_applications(client, resident, group, live_draft):
    client.force_login(resident)
    body = client.get(reverse("grants:group", args=[group.pk])).content.decode()
    assert live_draft.title in body and "010-****-6789" in body


def test_make_group_fixture_is_consistent(resident, doksan1):
    assert make_group(resident, doksan1, "셋째 모임").members.count() == 3
