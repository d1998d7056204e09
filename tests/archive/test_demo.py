"""The archive demo: records across the ten dongs of 금천구, two exhibitions, one record
waiting for approval, the resource survey, and the seeds' facility table of 영등포구;
loading twice adds nothing."""

from decimal import Decimal

import pytest
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.archive.demo import load_archive
from maeul.archive.models import ArchiveRecord, Exhibition, Facility, RecordStatus, Resource

pytestmark = pytest.mark.django_db


def test_demo_archive_follows_the_seeds(places):
    now = timezone.now()
    load_accounts(now=now)
    made = load_archive(now=now)
    assert made >= 14
    assert load_archive(now=now) == 0
    public = ArchiveRecord.objects.public()
    assert public.filter(district__name="금천구").values("dong").distinct().count() == 10
    assert ArchiveRecord.objects.filter(status=RecordStatus.SUBMITTED).count() == 1
    assert Exhibition.objects.public().count() == 2
    assert Resource.objects.exists()
    hall = Facility.objects.get(name="문래동자치회관")
    assert (hall.land_m2, hall.building_m2, hall.floors) == (
        Decimal("364.60"),
        Decimal("517.22"),
        "1/3",
    )
    assert Facility.objects.filter(dong__district__name="영등포구").count() == 24
