"""A representative's groups: registering one, its members, its applications over the years."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import PageDesk, RowDesk
from maeul.core.desk_steps import desk_step, resident
from maeul.core.permissions import Action, can
from maeul.grants.forms import GroupForm, MemberForm
from maeul.grants.models import CommunityGroup, GroupMember
from maeul.grants.services import groups as services
from maeul.places.models import Dong


def own_group(request: HttpRequest, pk: int) -> CommunityGroup:
    """A group the user represents; 404 for any other."""
    return get_object_or_404(
        CommunityGroup.objects.select_related("dong"), pk=pk, representative_id=request.user.pk
    )


def _dongs() -> Any:
    return Dong.objects.select_related("district").order_by("district__code", "code")


def _render_list(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    return render(
        request,
        "grants/group_list.html",
        {
            "groups": list(
                CommunityGroup.objects.filter(representative_id=request.user.pk).select_related(
                    "dong"
                )
            ),
            "form": forms.get("form") or GroupForm(dongs=_dongs()),
            "may_register": can(request.user, Action.REGISTER_GROUP, now=timezone.now()),
        },
        status=status,
    )


GROUPS_PAGE = PageDesk(page=_render_list, url_name="grants:groups")


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_list(request)
    now = timezone.now()
    form = GroupForm(request.POST, dongs=_dongs())

    def act() -> tuple[str, str]:
        data = form.cleaned_data
        group = services.register_group(
            name=data["name"],
            kind=data["kind"],
            dong=data["dong"],
            contact=data["contact"],
            representative=request.user,
            now=now,
        )
        return _("The group was registered."), reverse("grants:group", args=[group.pk])

    decision = can(request.user, Action.REGISTER_GROUP, now=now)
    return GROUPS_PAGE.act(request, act, decision=decision, form=form, form_key="form")


def _render_group(
    request: HttpRequest, group: CommunityGroup, *, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request,
        "grants/group.html",
        {
            "group": group,
            "members": list(group.members.all()),
            "applications": list(
                group.applications.select_related("call").order_by("-call__year", "-created_at")
            ),
            "member_form": forms.get("member_form") or MemberForm(),
        },
        status=status,
    )


@login_required
def group_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_group(request, own_group(request, pk))


GROUP_DESK = RowDesk(page=_render_group, url_name="grants:group", action=Action.MANAGE_GROUP)


@login_required
@require_POST
def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    group, now = own_group(request, pk), timezone.now()
    form = MemberForm(request.POST)

    def act() -> str:
        data = form.cleaned_data
        services.add_member(
            group=group,
            name=data["member_name"],
            tie=data["tie"],
            consent=data["consent"],
            user=request.user,
            now=now,
        )
        return _("The member was added.")

    return GROUP_DESK.act(request, group, act, form=form, form_key="member_form")


@login_required
@require_POST
def remove_member(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        GroupMember.objects.select_related("group"),
        pk=pk,
        group__representative_id=request.user.pk,
    )
    return desk_step(
        request,
        GROUP_DESK,
        member.group,
        services.remove_member,
        _("The member was removed from the list."),
        by=resident,
        member=member,
    )
