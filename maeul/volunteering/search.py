"""Volunteer activities in the site search (`VolunteerActivity.objects.public()`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import seoul_year
from maeul.search.sources import Entry, Source, register
from maeul.volunteering.models import VolunteerActivity


def _entry(activity: VolunteerActivity) -> Entry:
    organiser = activity.organiser
    return Entry(
        title=activity.title,
        body="\n".join(filter(None, [activity.description, str(organiser or "")])),
        url=reverse("volunteering:activity", kwargs={"pk": activity.pk}),
        updated=activity.created_at,
        district_id=activity.district_id,
        dong_id=activity.dong_id,
        year=seoul_year(activity.created_at),
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
