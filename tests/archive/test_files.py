"""A record's photos and documents, tried as an attacker: they live in private storage
(never under MEDIA_ROOT, so the old /media/ address finds nothing) and their only address is
the file view, which serves a waiting record's files to its author and the staff who may
approve it, and to everyone once the record is published; everyone else, and anyone after
the record is taken off (but its staff), gets the same 404 as for a file that never was."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from maeul.archive.services import records
from tests.archive.conftest import PDF, png, upload, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(doksan1, recorder, now):
    """A recorder's photo record with a document, awaiting approval."""
    return write(
        doksan1,
        recorder,
        now,
        kind="photo",
        photo=png("우리 골목.png"),
        photo_alt="골목 화분",
        document=upload("회의록.pdf", PDF, "application/pdf"),
    )


def _urls(record):
    return [record.photos.get().url, record.documents.get().url]


def _status(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_the_files_are_stored_privately_and_the_media_path_finds_nothing(client, waiting):
    photo, document = waiting.photos.get(), waiting.documents.get()
    for stored in (photo.image, document.file):
        private = Path(stored.path)
        assert private.is_file()
        assert private.is_relative_to(Path(settings.PRIVATE_ROOT).resolve())
        assert not (Path(settings.MEDIA_ROOT) / stored.name).exists()
        assert client.get(f"{settings.MEDIA_URL}{stored.name}").status_code == 404
    assert photo.url == reverse("archive:photo", args=[photo.pk])


def test_a_waiting_record_files_are_hidden_from_everyone_but_its_author_and_staff(
    client,
    waiting,
    recorder,
    resident,
    neighbour,
    other_dong_staff,
    other_district_staff,
    support_centre_staff,
    dong_staff,
    district_staff,
):
    for url in _urls(waiting):
        for user in (
            None,
            resident,
            neighbour,
            other_dong_staff,
            other_district_staff,
            support_centre_staff,
        ):
            assert _status(client, user, url) == 404, (user, url)
        for user in (recorder, dong_staff, district_staff):
            assert _status(client, user, url) == 200, (user, url)


def test_a_missing_file_and_a_hidden_file_look_the_same(client, waiting, resident):
    client.force_login(resident)
    hidden = client.get(waiting.photos.get().url)
    missing = client.get(reverse("archive:photo", args=[waiting.photos.get().pk + 1000]))
    assert hidden.status_code == missing.status_code == 404


def test_after_approval_the_files_are_everyones(client, waiting, dong_staff, resident, now):
    records.approve_record(record=waiting, staff=dong_staff, now=now)
    photo_url, document_url = _urls(waiting)
    for user in (None, resident):
        assert _status(client, user, photo_url) == 200
    response = client.get(document_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    photo = client.get(photo_url)
    assert photo["Content-Type"].startswith("image/") and "inline" in photo["Content-Disposition"]
    assert photo["Cache-Control"].startswith("public")


def test_a_waiting_file_is_never_cached_by_others(client, waiting, recorder):
    client.force_login(recorder)
    response = client.get(waiting.photos.get().url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_a_withdrawn_record_files_are_hidden_again(
    client, waiting, dong_staff, recorder, resident, now
):
    records.approve_record(record=waiting, staff=dong_staff, now=now)
    records.withdraw_record(record=waiting, staff=dong_staff, now=now)
    for url in _urls(waiting):
        for user in (None, resident, recorder):
            assert _status(client, user, url) == 404, (user, url)
        assert _status(client, dong_staff, url) == 200


def test_only_reading_is_allowed(client, waiting, recorder):
    client.force_login(recorder)
    assert client.post(waiting.photos.get().url).status_code == 405


def test_pages_and_the_api_give_the_file_view_addresses(client, doksan1, dong_staff, now):
    record = write(
        doksan1,
        dong_staff,
        now,
        kind="photo",
        photo=png(),
        photo_alt="사진",
        document=upload("결과.pdf", PDF, "application/pdf"),
    )
    photo, document = record.photos.get(), record.documents.get()
    html = client.get(record.get_absolute_url()).content.decode()
    assert photo.url in html and document.url in html and settings.MEDIA_URL not in html
    listed = client.get("/api/records").json()["items"][0]["photos"][0]["url"]
    detail = client.get(f"/api/records/{record.pk}").json()
    assert listed == photo.url and detail["documents"][0]["url"] == document.url
    assert client.get(listed).status_code == 200
    assert client.get(detail["documents"][0]["url"]).status_code == 200


def test_the_api_lists_no_waiting_record_files(client, waiting):
    assert client.get("/api/records").json()["items"] == []
    assert client.get(f"/api/records/{waiting.pk}").status_code == 404
