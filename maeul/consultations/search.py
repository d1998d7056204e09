"""Consultations (〈금나래가 묻습니다〉) in the site search: the published ones."""

from django.utils.translation import gettext_lazy as _

from maeul.consultations.models import Consultation
from maeul.core.dates import seoul_year
from maeul.search.sources import Entry, Source, register


def _entry(consultation: Consultation) -> Entry:
    return Entry(
        title=consultation.title,
        body="\n".join(filter(None, [consultation.question, consultation.background])),
        url=consultation.get_absolute_url(),
        updated=consultation.opens_at,
        district_id=consultation.district_id,
        dong_id=consultation.dong_id,
        year=seoul_year(consultation.opens_at),
    )


register(
    Source(
        kind="consultation",
        label=_("Consultations"),
        model=Consultation,
        public=Consultation.objects.public,
        entry=_entry,
        order=70,
    )
)
