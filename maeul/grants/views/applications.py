"""A group's application, for its representative: started from a call, written (text,
budget rows, files), submitted with the notice of similar applications, withdrawn; and
its files, served only to those who may read the application."""

from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from maeul.core.access_log import record_access
from maeul.core.desk import RowDesk
from maeul.core.desk_steps import desk_step, resident
from maeul.core.errors import RuleViolation
from maeul.core.media import private_file
from maeul.core.models import AccessAction
from maeul.core.permissions import Action, can, scope_of
from maeul.core.requests import client_ip
from maeul.grants.forms import ApplicationForm, AttachmentForm, BudgetLineForm
from maeul.grants.models import (
    Application,
    ApplicationAttachment,
    BudgetLine,
    CommunityGroup,
    GrantCall,
)
from maeul.grants.services import applications as services
from maeul.grants.views.money import money_context, partner_context
from maeul.places.models import Dong

Part = TypeVar("Part", bound=Model)


def own_application(request: HttpRequest, pk: int) -> Application:
    """An application of a group the user represents; 404 for anyone else's."""
    return get_object_or_404(
        Application.objects.select_related("call__district", "call__dong", "group", "dong"),
        pk=pk,
        group__representative_id=request.user.pk,
    )


def own_part(request: HttpRequest, rows: QuerySet[Part], pk: int) -> Part:
    """A part of an application the user represents (a budget row, a file, a spending
    entry), among `rows`; 404 for anyone else's."""
    return get_object_or_404(
        rows.select_related("application__call", "application__group"),
        pk=pk,
        application__group__representative_id=request.user.pk,
    )


def _dongs(call: GrantCall) -> Any:
    dongs = Dong.objects.filter(district_id=call.district_id)
    return dongs.filter(pk=call.dong_id) if call.dong_id else dongs.order_by("code")


def _render(
    request: HttpRequest, application: Application, *, status: int = 200, **forms: Any
) -> HttpResponse:
    call = application.call
    lines = list(application.budget_lines.select_related("category"))
    initial = {
        "title": application.title,
        "description": application.description,
        "place": application.place,
        "dong": application.dong_id,
        "amount": f"{application.amount:,}",
    }
    context = {
        "application": application,
        "call": call,
        "lines": lines,
        "budget_total": sum(line.amount for line in lines),
        "attachments": list(application.attachments.all()),
        "missing": [
            label
            for kind, label in zip(
                call.required_attachments, call.required_attachment_labels(), strict=True
            )
            if kind not in {a.kind for a in application.attachments.all()}
        ],
        "similar_count": application.duplicate_matches.count(),
        "form": forms.get("form") or ApplicationForm(initial=initial, dongs=_dongs(call)),
        "line_form": forms.get("line_form") or BudgetLineForm(call=call),
        "file_form": forms.get("file_form") or AttachmentForm(),
        "may_withdraw": application.status == "submitted" and timezone.now() < call.closes_at,
        **money_context(application, **forms),
        **partner_context(application, **forms),
    }
    return render(request, "grants/application.html", context, status=status)


# The representative's actions on their application page, answered as a desk's.
APPLICATION_PAGE = RowDesk(
    page=_render, url_name="grants:application", action=Action.WRITE_APPLICATION
)


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the group's draft for a call: a title, the group's dong, the least amount."""
    now = timezone.now()
    call = get_object_or_404(GrantCall.objects.public(), pk=pk)
    group = get_object_or_404(
        CommunityGroup, pk=request.POST.get("group") or 0, representative_id=request.user.pk
    )
    existing = call.applications.filter(group=group).exclude(status="withdrawn").first()
    if existing is not None:
        return redirect("grants:application", pk=existing.pk)
    dong = group.dong if group.dong.district_id == call.district_id else _dongs(call).first()
    try:
        application = services.start_application(
            call=call,
            group=group,
            title=str(_("New application of %(group)s") % {"group": group.name}),
            description="",
            place="",
            dong=call.dong or dong,
            amount=call.min_amount,
            user=request.user,
            now=now,
        )
    except RuleViolation as refusal:
        messages.error(request, refusal.message)
        return redirect("grants:call", pk=call.pk)
    messages.success(
        request, _("A draft was started. Fill it in and submit it before the deadline.")
    )
    return redirect("grants:application", pk=application.pk)


@login_required
def application_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, own_application(request, pk))


@login_required
@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    application = own_application(request, pk)
    return desk_step(
        request,
        APPLICATION_PAGE,
        application,
        services.change_draft,
        _("The draft was saved."),
        form=ApplicationForm(request.POST, dongs=_dongs(application.call)),
        form_key="form",
        by=resident,
        application=application,
    )


@login_required
@require_POST
def add_line(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = own_application(request, pk), timezone.now()
    form = BudgetLineForm(request.POST, call=application.call)

    def act() -> str:
        data = form.cleaned_data
        services.add_budget_line(
            application=application,
            category=data["category"],
            item=data["item"],
            amount=data["line_amount"],
            user=request.user,
            now=now,
        )
        return _("The budget row was added.")

    return APPLICATION_PAGE.act(request, application, act, form=form, form_key="line_form")


@login_required
@require_POST
def remove_line(request: HttpRequest, pk: int) -> HttpResponse:
    line = own_part(request, BudgetLine.objects.all(), pk)
    return desk_step(
        request,
        APPLICATION_PAGE,
        line.application,
        services.remove_budget_line,
        _("The budget row was removed."),
        by=resident,
        line=line,
    )


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = own_application(request, pk), timezone.now()
    form = AttachmentForm(request.POST, request.FILES)

    def act() -> str:
        services.attach_file(
            application=application,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            user=request.user,
            now=now,
        )
        return _("The file was attached.")

    return APPLICATION_PAGE.act(request, application, act, form=form, form_key="file_form")


@login_required
@require_POST
def remove_file(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = own_part(request, ApplicationAttachment.objects.all(), pk)
    return desk_step(
        request,
        APPLICATION_PAGE,
        attachment.application,
        services.remove_attachment,
        _("The file was removed."),
        by=resident,
        attachment=attachment,
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = own_application(request, pk), timezone.now()

    def act() -> str:
        matches = services.submit_application(application=application, user=request.user, now=now)
        if matches:
            messages.warning(
                request,
                ngettext(
                    "%(count)d similar application was found. Staff will check for duplicates "
                    "when they review the applications.",
                    "%(count)d similar applications were found. Staff will check for "
                    "duplicates when they review the applications.",
                    len(matches),
                )
                % {"count": len(matches)},
            )
        return _("The application was submitted.")

    return APPLICATION_PAGE.act(request, application, act)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = own_application(request, pk)
    return desk_step(
        request,
        APPLICATION_PAGE,
        application,
        services.withdraw_application,
        _("The application was withdrawn."),
        by=resident,
        application=application,
    )


@login_required
@require_safe
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    """A file of an application: for its representative and the staff who serve it only, and
    its plan and budget sheet for the call's reviewers (the reading logged)."""
    attachment = get_object_or_404(
        ApplicationAttachment.objects.select_related("application__call", "application__group"),
        Q(pk=pk),
    )
    now = timezone.now()
    application = attachment.application
    if not (
        can(request.user, Action.VIEW_APPLICATION, application, now=now)
        or can(request.user, Action.READ_REVIEW_FILE, attachment, now=now)
    ):
        raise Http404  # whether someone else's file exists is not told
    if application.group.representative_id != request.user.pk:
        # A group's files name its members (명부, 동의서): staff reading one is logged.
        record_access(
            staff=request.user,
            subject=f"grant application {application.pk}: members' data in its files",
            action=AccessAction.VIEW,
            what=f"{request.path} ({attachment.kind})",
            reason="공모 신청서 검토" if scope_of(request.user).is_staff else "공모 신청서 심의",
            ip=client_ip(request),
            now=now,
        )
    return private_file(
        attachment.file.storage,
        attachment.file.name,
        content_type=attachment.content_type,
        filename=attachment.original_name,
    )
