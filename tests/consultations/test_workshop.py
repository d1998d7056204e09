"""The workshop route (구민제안 발굴 워크숍): staff open a workshop on a proposal with enough
공감 from its desk, pre-filled and linked; its outcome, which may link proposals, agenda
items and plan projects, shows on the proposal. Too few supports: refused with the reason."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maeul.consultations.models import Forum, ForumKind, ForumOutcome
from maeul.consultations.services import forums
from maeul.consultations.services.forums import ForumSpec
from maeul.core.errors import RuleViolation
from tests.consultations.conftest import NOW
from tests.consultations.test_forums import make_forum
from tests.councils.conftest import make_council
from tests.korean import assert_shows, korean, page_text
from tests.plans.conftest import make_plan, make_project
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _threshold(settings):
    settings.MAEUL_WORKSHOP_SUPPORTS = 30


@pytest.fixture
def popular(geumcheon, resident):
    return ProposalFactory(
        district=geumcheon, author=resident, support_count=30, title="안양천 산책로에 그늘막을"
    )


@pytest.fixture
def quiet(geumcheon, resident):
    return ProposalFactory(district=geumcheon, author=resident, support_count=29)


def _spec(**overrides):
    start = NOW + timedelta(days=10)
    fields = {
        "kind": ForumKind.POLICY,
        "title": "워크숍",
        "place": "금천구청 소회의실",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "capacity": 20,
        "target_groups": ["residents"],
    }
    fields.update(overrides)
    return ForumSpec(**fields)


def test_a_workshop_opens_on_a_popular_proposal(popular, district_staff):
    forum = forums.open_workshop(
        proposal=popular, spec=_spec(), staff=district_staff, ip=None, now=NOW
    )
    assert (forum.kind, forum.proposal, forum.district) == (
        ForumKind.WORKSHOP,
        popular,
        popular.district,
    )


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_no_workshop_on_a_proposal_that_is_not_public(popular, district_staff, status):
    popular.status = status
    popular.save(update_fields=["status"])
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        forums.open_workshop(proposal=popular, spec=_spec(), staff=district_staff, ip=None, now=NOW)
    assert refusal.value.message == korean("A workshop can be opened only on a public proposal.")
    assert Forum.objects.count() == 0


def test_too_few_supports_is_refused_with_the_reason(quiet, district_staff):
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        forums.open_workshop(proposal=quiet, spec=_spec(), staff=district_staff, ip=None, now=NOW)
    assert str(refusal.value.message) == korean(
        "A workshop can be opened on a proposal with at least %(needed)d supports; "
        "this one has %(count)d.",
        needed=30,
        count=29,
    )
    assert Forum.objects.count() == 0


def test_staff_elsewhere_cannot_open_one(popular, other_district_staff):
    with pytest.raises(RuleViolation):
        forums.open_workshop(
            proposal=popular, spec=_spec(), staff=other_district_staff, ip=None, now=NOW
        )
    assert Forum.objects.count() == 0


def test_the_desk_button_opens_a_prefilled_form(client, popular, quiet, district_staff):
    client.force_login(district_staff)
    desk = client.get(reverse("proposals:staff_desk", args=[popular.pk]))
    quiet_desk = client.get(reverse("proposals:staff_desk", args=[quiet.pk]))

    form_page = client.get(reverse("consultations:staff_new_forum"), {"proposal": popular.pk})

    assert_shows(desk, "Open a workshop")
    assert korean("Open a workshop") not in page_text(quiet_desk)
    assert_shows(
        quiet_desk,
        "A workshop can be opened on a proposal with at least %(needed)d "
        "supports; this one has %(count)d.",
        needed=30,
        count=29,
    )
    form = form_page.context["form"]
    assert form["title"].value() == korean("Proposal workshop: %(title)s", title=popular.title)
    assert form["kind"].value() == ForumKind.WORKSHOP and form.fields["kind"].disabled
    assert form["proposal"].value() == popular.pk


def _post_workshop(client, proposal, **overrides):
    start = timezone.localtime() + timedelta(days=10)
    data = {
        "kind": "policy",
        "title": "그늘막 워크숍",
        "place": "독산1동 주민센터",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "25",
        "target_groups": ["residents"],
        "proposal": proposal.pk,
    }
    data.update(overrides)
    return client.post(reverse("consultations:staff_new_forum"), data)


def test_the_form_creates_the_workshop_linked_to_the_proposal(client, popular, district_staff):
    client.force_login(district_staff)

    response = _post_workshop(client, popular)

    forum = Forum.objects.get()
    assert response.status_code == 302
    assert (forum.kind, forum.proposal) == (ForumKind.WORKSHOP, popular)  # kind fixed
    desk = client.get(reverse("proposals:staff_desk", args=[popular.pk]))
    assert "그늘막 워크숍" in page_text(desk)


def test_the_form_refuses_a_quiet_proposal_and_stores_nothing(client, quiet, district_staff):
    client.force_login(district_staff)

    response = _post_workshop(client, quiet)

    assert response.status_code == 403
    assert_shows(
        response,
        "A workshop can be opened on a proposal with at least %(needed)d "
        "supports; this one has %(count)d.",
        needed=30,
        count=29,
    )
    assert Forum.objects.count() == 0


def test_a_proposal_staff_do_not_serve_is_not_found(client, popular, other_district_staff):
    client.force_login(other_district_staff)
    assert _post_workshop(client, popular).status_code == 404
    assert Forum.objects.count() == 0


@pytest.fixture
def linked_things(geumcheon, doksan1):
    council = make_council(
        district=geumcheon, dong=doksan1, name="독산1동 주민자치회", sections=["자치행정분과"]
    )
    from maeul.councils.models import AgendaItem

    item = AgendaItem.objects.create(
        council=council, year=2027, title="그늘막 의제", created_at=NOW
    )
    project = make_project(make_plan(council, 2027), "그늘막 설치 사업", 1_000_000)
    return item, project


def test_the_outcome_links_agenda_items_and_projects_and_shows_on_the_proposal(
    client, popular, district_staff, linked_things
):
    item, project = linked_things
    forum = forums.open_workshop(
        proposal=popular,
        staff=district_staff,
        ip=None,
        now=timezone.now() - timedelta(days=20),
        spec=_spec(
            starts_at=timezone.now() - timedelta(days=1),
            ends_at=timezone.now() - timedelta(hours=20),
        ),
    )
    client.force_login(district_staff)

    response = client.post(
        reverse("consultations:staff_forum_outcome", args=[forum.pk]),
        {
            "text": "그늘막을 의제로 올리고 사업으로 잇습니다.",
            "agenda_items": str(item.pk),
            "projects": f" {project.pk} ",
        },
    )

    assert response.status_code == 302
    links = ForumOutcome.objects.filter(forum=forum)
    assert {(o.agenda_item_id, o.project_id) for o in links} == {
        (item.pk, None),
        (None, project.pk),
    }
    page = page_text(client.get(popular.get_absolute_url()))
    assert "그늘막을 의제로 올리고 사업으로 잇습니다." in page
    forum_page = page_text(client.get(forum.get_absolute_url()))
    assert "그늘막 의제" in forum_page and "그늘막 설치 사업" in forum_page


@pytest.mark.parametrize(
    ("field", "value", "msgid"),
    [
        ("agenda_items", "999999", "There is no agenda item with that number."),
        ("projects", "999999", "There is no project with that number."),
        ("proposals", "999999", "There is no proposal with that number."),
        ("projects", "1, 둘", "Enter numbers separated by commas."),
    ],
)
def test_a_bad_link_is_refused_beside_its_field(
    client, geumcheon, district_staff, field, value, msgid
):
    forum = make_forum(geumcheon, district_staff, now=timezone.now() - timedelta(days=10))
    client.force_login(district_staff)

    response = client.post(
        reverse("consultations:staff_forum_outcome", args=[forum.pk]),
        {"text": "결론", field: value},
    )

    assert response.status_code == 400
    assert response.context["outcome_form"].errors[field] == [korean(msgid)]
    forum.refresh_from_db()
    assert forum.outcome_published_at is None
    assert ForumOutcome.objects.count() == 0
