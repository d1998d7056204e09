"""A volunteer's side: sign up for a shift (alone or for a company's group), cancel, see
their hours on "my volunteering", keep their 1365 ID and a guardian's consent, download a
certificate, and propose work for their camp."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.dates import seoul_year
from maeul.core.desk import PageDesk, RowDesk
from maeul.core.desk_steps import desk_step, resident
from maeul.core.downloads import attachment
from maeul.core.errors import RuleViolation
from maeul.core.pdf import PDF_TYPE
from maeul.core.permissions import ALLOW, Action, can
from maeul.core.requests import signed_in_user
from maeul.volunteering.certificate_pdf import certificate_pdf
from maeul.volunteering.figures import hours_text, records_of
from maeul.volunteering.forms import (
    CertificateForm,
    GroupSignUpForm,
    GuardianConsentForm,
    PortalIdForm,
    WorkProposalForm,
)
from maeul.volunteering.models import (
    ADULT_AGE,
    GuardianConsent,
    MemberRole,
    Membership,
    Shift,
    SignUp,
    SignUpStatus,
    Volunteer,
    VolunteerActivity,
    VolunteerCamp,
)
from maeul.volunteering.services import certificates, organising, sign_ups, volunteers
from maeul.volunteering.views.public import activity_context, camp_detail


def _render_activity(
    request: HttpRequest, activity: VolunteerActivity, *, status: int = 200, **forms: Any
) -> HttpResponse:
    context = activity_context(request, activity)
    context.update(forms)
    return render(request, "volunteering/activity_detail.html", context, status=status)


# A volunteer's sign-ups on an activity's page, each asked of the shift chosen.
ACTIVITY_PAGE = RowDesk(
    page=_render_activity, url_name="volunteering:activity", action=Action.SIGN_UP_VOLUNTEER
)


def _shift(pk: int) -> Shift:
    return get_object_or_404(Shift.objects.select_related("activity"), pk=pk)


@login_required
@require_POST
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _shift(pk)
    return desk_step(
        request,
        ACTIVITY_PAGE,
        shift.activity,
        sign_ups.sign_up,
        _("You signed up for the shift. Thank you."),
        target=shift,
        by=resident,
        shift=shift,
    )


@login_required
@require_POST
def join_waiting_list(request: HttpRequest, pk: int) -> HttpResponse:
    shift, now = _shift(pk), timezone.now()

    def act() -> str:
        waiting = sign_ups.join_waiting_list(shift=shift, user=request.user, now=now)
        return _("The shift is full: you are number %(n)d on its waiting list.") % {
            "n": sign_ups.waiting_position(waiting) or 1
        }

    return ACTIVITY_PAGE.act(request, shift.activity, act, target=shift, now=now)


@login_required
@require_POST
def sign_up_group(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(VolunteerActivity.objects.public(), pk=pk)
    shift_id = request.POST.get("shift", "")
    shift = get_object_or_404(
        Shift.objects.select_related("activity"),
        activity=activity,
        pk=int(shift_id) if shift_id.isdigit() else 0,
    )
    return desk_step(
        request,
        ACTIVITY_PAGE,
        shift.activity,
        sign_ups.sign_up_group,
        _("Your group is signed up. The camp will contact you."),
        action=Action.SIGN_UP_GROUP,
        target=shift,
        form=GroupSignUpForm(request.POST),
        form_key="group_form",
        by=resident,
        shift=shift,
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    own = get_object_or_404(
        SignUp.objects.select_related("shift__activity"), pk=pk, user_id=request.user.pk
    )
    now = timezone.now()

    def act() -> str:
        was_waiting = own.status == SignUpStatus.WAITING
        sign_ups.cancel_sign_up(sign_up=own, user=request.user, now=now)
        if was_waiting:
            return _("You left the waiting list.")
        return _("Your sign-up was cancelled.")

    decision = can(request.user, Action.CANCEL_VOLUNTEER_SIGN_UP, own, now=now)
    return MINE.act(request, act, decision=decision)


def _render_mine(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    user = signed_in_user(request)
    now = timezone.now()
    records = list(
        records_of(user).select_related("shift__activity").order_by("-shift__starts_at", "-pk")
    )
    total = sum(record.minutes for record in records)
    upcoming = list(
        SignUp.objects.filter(user=user, status__in=sign_ups.LIVE, shift__starts_at__gt=now)
        .select_related("shift__activity")
        .order_by("shift__starts_at")
    )
    for own in upcoming:
        own.position = sign_ups.waiting_position(own)  # type: ignore[attr-defined]
    volunteer = Volunteer.objects.filter(user=user).first()
    consent = GuardianConsent.objects.filter(user=user).first()
    age = user.age_in(seoul_year(now))
    led = Membership.objects.filter(user=user, role=MemberRole.LEADER)
    led_activities = list(
        VolunteerActivity.objects.filter(
            Q(camp__in=led.filter(camp__isnull=False).values("camp"))
            | Q(club__in=led.filter(club__isnull=False).values("club"))
        ).order_by("-created_at")[:20]
    )
    activities = {record.shift.activity for record in records}
    context = {
        "records": records,
        "total_hours": hours_text(total),
        "upcoming": upcoming,
        "activities": sorted(activities, key=lambda a: a.title),
        "consent": consent,
        "minor": age is not None and age < ADULT_AGE,
        "portal_form": forms.get("portal_form")
        or PortalIdForm(initial={"portal_id": volunteer.portal_id if volunteer else ""}),
        "consent_form": forms.get("consent_form") or GuardianConsentForm(),
        "certificate_form": forms.get("certificate_form") or CertificateForm(),
        "led_activities": led_activities,
    }
    return render(request, "volunteering/mine.html", context, status=status)


# "My volunteering": the sign-ups, the 1365 ID and the guardian's consent.
MINE = PageDesk(page=_render_mine, url_name="volunteering:mine")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return _render_mine(request)


@login_required
@require_POST
def set_portal_id(request: HttpRequest) -> HttpResponse:
    form, now = PortalIdForm(request.POST), timezone.now()

    def act() -> str:
        volunteers.set_portal_id(
            user=request.user, portal_id=form.cleaned_data["portal_id"], now=now
        )
        return _("Your 1365 portal ID was saved.")

    return MINE.act(request, act, decision=ALLOW, form=form, form_key="portal_form")


@login_required
@require_POST
def record_consent(request: HttpRequest) -> HttpResponse:
    form, now = GuardianConsentForm(request.POST), timezone.now()

    def act() -> str:
        volunteers.record_guardian_consent(user=request.user, now=now, **form.cleaned_data)
        return _("Your guardian's consent was recorded.")

    return MINE.act(request, act, decision=ALLOW, form=form, form_key="consent_form")


def issuer_of(activity: VolunteerActivity | None, records: list[Any]) -> str:
    """Who certifies: the district of the activity (or of the first record)."""
    first = activity or (records[0].shift.activity if records else None)
    district = first.district.name if first is not None else ""
    return f"{district} 자원봉사 (마을 발급)".strip()


@login_required
@require_POST
def certificate(request: HttpRequest) -> HttpResponse:
    """Issue a certificate of the volunteer's confirmed hours (one activity or a period) and
    send it as a PDF."""
    user, now = signed_in_user(request), timezone.now()
    form = CertificateForm(request.POST)
    if not form.is_valid():
        return _render_mine(request, status=400, certificate_form=form)
    data = form.cleaned_data
    activity = (
        VolunteerActivity.objects.filter(pk=data["activity"]).select_related("district").first()
        if data["activity"]
        else None
    )
    try:
        issued = certificates.issue_certificate(
            user=user,
            now=now,
            activity=activity,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
    except RuleViolation as refusal:
        messages.error(request, refusal.message)
        return _render_mine(request, status=400, certificate_form=form)
    records = records_of(user, issued.starts_on, issued.ends_on).order_by("shift__starts_at")
    if activity is not None:
        records = records.filter(shift__activity=activity)
    rows = list(records.select_related("shift__activity__district"))
    body = certificate_pdf(issued, records, issuer_of(activity, rows))
    return attachment(body, PDF_TYPE, f"certificate-{issued.number}.pdf")


def _render_camp(
    request: HttpRequest, camp: VolunteerCamp, *, status: int = 200, **forms: Any
) -> HttpResponse:
    """The camp's page again, with `status` (its proposal form is a fresh one)."""
    response = camp_detail(request, camp.pk)
    response.status_code = status
    return response


CAMP_PAGE = RowDesk(page=_render_camp, url_name="volunteering:camp", action=Action.PROPOSE_WORK)


@login_required
@require_POST
def propose_work(request: HttpRequest, pk: int) -> HttpResponse:
    camp = get_object_or_404(VolunteerCamp, pk=pk)
    return desk_step(
        request,
        CAMP_PAGE,
        camp,
        organising.propose_work,
        _("The work was proposed. Staff will answer it."),
        form=WorkProposalForm(request.POST),
        by=resident,
        camp=camp,
    )
