"""Grant calls (공모) in the site search: the published ones."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.grants.models import GrantCall
from maeul.search.sources import Entry, Source, register


def _entry(call: GrantCall) -> Entry:
    return Entry.of(
        call,
        call.get_programme_display(),
        call.notice,
        when=call.published_at,
        year=call.year,
        url=reverse("grants:call", kwargs={"pk": call.pk}),
    )


register(
    Source(
        kind="grant_call",
        label=_("Grant calls"),
        model=GrantCall,
        public=GrantCall.objects.public,
        entry=_entry,
        order=80,
    )
)
