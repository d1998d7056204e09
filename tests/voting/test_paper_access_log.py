"""Paper and postal ballot entry types in voters' names, birth dates and phone numbers: each
entry is written to the personal-data access log, without saying whose (test 28)."""

import pytest
from django.urls import reverse

from maeul.core.models import PersonalDataAccess
from tests.voting.test_staff_views import postal_file, voter_data

pytestmark = pytest.mark.django_db


def test_a_paper_entry_is_logged_without_the_voter(client, dong_staff, pb_vote, batch, doksan1):
    client.force_login(dong_staff)
    url = reverse("voting:staff_batch", args=[batch.pk])

    response = client.post(url, voter_data(pb_vote, doksan1, phone="010-4821-3957"))

    assert response.status_code == 302
    (row,) = PersonalDataAccess.objects.all()
    assert (row.staff, row.action, row.subject, row.what) == (dong_staff, "entry", None, url)
    assert row.subject_description == f"paper voter, batch {batch.pk}"
    logged = f"{row.what} {row.subject_description} {row.reason}"
    assert "홍길동" not in logged
    assert "1960" not in logged
    assert "4821" not in logged


def test_showing_the_entry_form_logs_nothing(client, dong_staff, batch):
    client.force_login(dong_staff)

    client.get(reverse("voting:staff_batch", args=[batch.pk]))

    assert not PersonalDataAccess.objects.exists()


def test_a_postal_upload_is_logged(client, dong_staff, pb_vote, doksan1):
    client.force_login(dong_staff)
    upload = postal_file(pb_vote, [["김영희", "1971-04-02", "독산1동", "", "1, 3"]])

    response = client.post(
        reverse("voting:staff_import_postal", args=[pb_vote.pk]),
        {"dong": doksan1.pk, "file": upload},
    )

    assert response.status_code == 302
    (row,) = PersonalDataAccess.objects.all()
    assert (row.action, row.subject_description) == ("entry", f"postal voters, vote {pb_vote.pk}")
    assert "김영희" not in f"{row.what} {row.subject_description} {row.reason}"
