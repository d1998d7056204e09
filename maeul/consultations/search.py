"""Consultations (〈금나래가 묻습니다〉) in the site search: the published ones."""

from django.utils.translation import gettext_lazy as _

from maeul.consultations.models import Consultation
from maeul.search.sources import Entry, Source, register


def _entry(consultation: Consultation) -> Entry:
    return Entry.of(
        consultation, consultation.question, consultation.background, when=consultation.opens_at
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
