"""Grant calls (공모) in the site search: the published ones."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.grants.models import GrantCall
from maeul.search.sources import Entry, Source, register


def _entry(call: GrantCall) -> Entry:
    return Entry(
        title=call.title,
        body="\n".join(filter(None, [call.get_programme_display(), call.notice])),
        url=reverse("grants:call", kwargs={"pk": call.pk}),
        updated=call.published_at,
        district_id=call.district_id,
        dong_id=call.dong_id,
        year=call.year,
    )


register(
    Source(
        kind="grant_call",
        label=_("Grant calls"),
        model=GrantCall,
        public=GrantCall.objects.published,
        entry=_entry,
        order=80,
    )
)
