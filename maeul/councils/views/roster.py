"""The council roster download for staff: personal data, so a reason first and a log row.

A POST with the reason (kept in the personal-data access log) returns the XLSX file; without
a reason, the desk comes back with the message (400) and nothing is downloaded.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from maeul.core.access_log import record_access
from maeul.core.desk import first_error
from maeul.core.downloads import attachment
from maeul.core.forms import ExportReasonForm
from maeul.core.models import AccessAction
from maeul.core.permissions import staff_required
from maeul.core.requests import acting
from maeul.core.spreadsheets import XLSX_TYPE
from maeul.councils import roster
from maeul.councils.services import recruitment as recruiting
from maeul.councils.views.access import managed_council
from maeul.councils.views.staff import desk_term, render_desk


@staff_required
@require_POST
def export_roster(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = managed_council(request, pk), timezone.now()
    form = ExportReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return render_desk(request, council, status=400, export_form=form)
    term = desk_term(council, request, timezone.localdate(now))
    content = roster.roster_xlsx(
        council=council, term=term, recruitment=recruiting.recruitment_of(council)
    )
    record_access(
        subject=f"council {council.pk}: members and applicants",
        action=AccessAction.EXPORT,
        what=f"{request.path} (XLSX)",
        reason=form.cleaned_data["reason"],
        **acting(request, now),
    )
    response = attachment(content, XLSX_TYPE, f"council-{council.pk}-roster.xlsx")
    response["Cache-Control"] = "no-store"
    return response
