"""Staff desk of a council, continued: one member's page, and the call for members
(open it, close it, select the members by the documented lottery)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk, served_row
from maeul.core.permissions import Action, staff_required
from maeul.core.requests import acting
from maeul.councils.forms import (
    EndMembershipForm,
    MemberChangeForm,
    RecruitmentForm,
    SelectionForm,
)
from maeul.councils.models import Council, CouncilMember, Recruitment
from maeul.councils.services import members
from maeul.councils.services import recruitment as recruiting
from maeul.councils.views.access import require_manage, staff_council
from maeul.councils.views.staff import COUNCIL_DESK, desk_url, log_view


# --- One member ----------------------------------------------------------------------------
def _staff_member(request: HttpRequest, member_pk: int) -> CouncilMember:
    queryset = CouncilMember.objects.select_related("term__council__district", "section")
    return served_row(request, queryset, member_pk)


def _member_page(
    request: HttpRequest,
    member: CouncilMember,
    *,
    change_form: MemberChangeForm | None = None,
    end_form: EndMembershipForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "member": member,
        "council": member.term.council,
        "change_form": change_form or MemberChangeForm(member=member),
        "end_form": end_form or EndMembershipForm(initial={"left_on": timezone.localdate()}),
    }
    return render(request, "councils/staff_member.html", context, status=status)


def _council_of(member: CouncilMember) -> Council:
    return member.term.council


# A member's page asks of the member's council, and returns to the council's desk on the
# member's term when done.
MEMBER_PAGE = RowDesk(
    page=_member_page,
    url_name="councils:staff_member",
    action=Action.MANAGE_COUNCIL,
    asked_of=_council_of,
    done_url=lambda member: desk_url(_council_of(member), member.term),
)


@staff_required
def member(request: HttpRequest, member_pk: int) -> HttpResponse:
    """A member's role, section and name shown (GET the form, POST the change)."""
    row, now = _staff_member(request, member_pk), timezone.now()
    if request.method != "POST":
        require_manage(request, row.term.council, now)
        log_view(request, row.user or f"council member {row.pk}")
        return _member_page(request, row)
    form = MemberChangeForm(request.POST, member=row)

    def act() -> str:
        members.change_member(member=row, **form.cleaned_data, **acting(request, now))
        return _("The member's details were saved.")

    return MEMBER_PAGE.act(request, row, act, now=now, form=form, form_key="change_form")


@staff_required
@require_POST
def end_member(request: HttpRequest, member_pk: int) -> HttpResponse:
    row, now = _staff_member(request, member_pk), timezone.now()
    form = EndMembershipForm(request.POST)

    def act() -> str:
        members.end_membership(member=row, **form.cleaned_data, **acting(request, now))
        return _("%(name)s has left the council.") % {"name": row.public_name}

    return MEMBER_PAGE.act(request, row, act, now=now, form=form, form_key="end_form")


# --- The call for members ------------------------------------------------------------------
def _staff_recruitment(request: HttpRequest, pk: int) -> Recruitment:
    return served_row(request, Recruitment.objects.select_related("term__council__district"), pk)


@staff_required
@require_POST
def open_recruitment(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = staff_council(request, pk), timezone.now()
    form = RecruitmentForm(request.POST, council=council)

    def act() -> str:
        recruiting.open_recruitment(**form.cleaned_data, **acting(request, now))
        return _("The call for members is open.")

    return COUNCIL_DESK.act(request, council, act, now=now, form=form, form_key="recruitment_form")


@staff_required
@require_POST
def close_recruitment(request: HttpRequest, pk: int) -> HttpResponse:
    call, now = _staff_recruitment(request, pk), timezone.now()

    def act() -> str:
        recruiting.close_recruitment(recruitment=call, **acting(request, now))
        return _("The call for members is closed.")

    return COUNCIL_DESK.act(request, call.term.council, act, now=now)


@staff_required
@require_POST
def select_members(request: HttpRequest, pk: int) -> HttpResponse:
    call, now = _staff_recruitment(request, pk), timezone.now()
    council = call.term.council
    form = SelectionForm(request.POST)

    def act() -> tuple[str, str]:
        ranked = recruiting.select_members(
            recruitment=call, **form.cleaned_data, **acting(request, now)
        )
        chosen = sum(1 for application in ranked if application.is_selected)
        notice = _("%(count)d members were selected. The result is published.") % {"count": chosen}
        return notice, desk_url(council, call.term)

    return COUNCIL_DESK.act(request, council, act, now=now, form=form, form_key="selection_form")
