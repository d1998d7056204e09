"""Volunteer activities in the site search (`VolunteerActivity.objects.public()`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.search.sources import Entry, Source, register
from maeul.volunteering.models import VolunteerActivity


def _entry(activity: VolunteerActivity) -> Entry:
    return Entry.of(
        activity,
        activity.description,
        str(activity.organiser or ""),
        when=activity.created_at,
        url=reverse("volunteering:activity", kwargs={"pk": activity.pk}),
    )


register(
    Source(
        kind="volunteer_activity",
        label=_("Volunteer activities"),
        model=VolunteerActivity,
        public=VolunteerActivity.objects.public,
        entry=_entry,
        order=97,
    )
)
