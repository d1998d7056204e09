"""Staff are offered only what they may do (issue 12, item 5).

The `can_do` tag asks the same `can(user, Action.X, target)` as the view and the service:
a staff member without the permission sees the page without the button, and the server
still refuses the POST.
"""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from maeul.plans.models import PlanStatus
from tests.plans import conftest as plans
from tests.plans.conftest import make_plan
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db

# The plans' fixtures, shared by name.
now, today, year = plans.now, plans.today, plans.year
doksan1_council = plans.doksan1_council


def render(source: str, **context) -> str:
    return Template("{% load allowed %}" + source).render(Context(context))


def test_the_tag_answers_like_can_with_the_reason(dong_staff, district_staff, doksan1):
    proposal = ProposalFactory.create(dong=doksan1)
    source = (
        '{% can_do user "reward_proposal" proposal as ok %}'
        "{% if ok %}yes{% else %}no: {{ ok.reason }}{% endif %}"
    )

    assert render(source, user=district_staff, proposal=proposal) == "yes"
    assert render(source, user=dong_staff, proposal=proposal).startswith("no: ")


def test_an_unknown_action_is_a_template_error(dong_staff):
    with pytest.raises(TemplateSyntaxError):
        render('{% can_do user "fly_to_the_moon" as ok %}', user=dong_staff)


# --- proposals: reward and merge are the district's -------------------------------------
@pytest.mark.parametrize(("persona", "offered"), [("district_staff", True), ("dong_staff", False)])
def test_reward_and_merge_are_offered_to_district_staff_only(
    request, client, doksan1, persona, offered
):
    proposal = ProposalFactory.create(dong=doksan1)
    client.force_login(request.getfixturevalue(persona))

    page = client.get(reverse("proposals:staff_desk", args=[proposal.pk])).content.decode()
    refused = client.post(reverse("proposals:staff_reward", args=[proposal.pk]))

    for action in ("reward", "merge"):
        url = reverse(f"proposals:staff_{action}", args=[proposal.pk])
        assert (f'action="{url}"' in page) is offered
    assert (refused.status_code == 302) is offered


# --- plans: the district approves, the dong office writes -------------------------------
def test_another_dong_office_sees_no_plan(client, doksan1_council, other_dong_staff, year):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.SUBMITTED)
    client.force_login(other_dong_staff)
    assert client.get(reverse("plans:staff_plan", args=[plan.pk])).status_code == 404


def test_district_staff_are_offered_approval_and_return(
    client, doksan1_council, district_staff, year
):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.SUBMITTED)
    client.force_login(district_staff)

    page = client.get(reverse("plans:staff_plan", args=[plan.pk])).content.decode()

    assert reverse("plans:staff_approve_plan", args=[plan.pk]) in page
    assert reverse("plans:staff_return_plan", args=[plan.pk]) in page


def test_staff_who_serve_no_council_are_not_offered_to_start_a_plan(
    client, support_centre_staff, dong_staff, doksan1_council
):
    client.force_login(support_centre_staff)
    page = client.get(reverse("plans:staff_plans")).content.decode()
    assert reverse("plans:staff_plan_create") not in page
    assert "맡은 주민자치회나 협치회의가 없어 시작할 계획이 없습니다." in page

    client.force_login(dong_staff)
    assert (
        reverse("plans:staff_plan_create")
        in client.get(reverse("plans:staff_plans")).content.decode()
    )
