"""Photos of a space: staff of the space add them (judged by content, re-encoded without
EXIF, a description required) and remove them (the file goes too); refusals store nothing;
the space's page shows them with their alt text."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from maeul.core.errors import RuleViolation
from maeul.spaces.models import SpacePhoto
from maeul.spaces.services import photos
from tests.proposals.test_attachments import GPS_IFD, PDF, jpeg_with_gps, png_bytes
from tests.spaces.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def add(space, staff, data=None, alt="1층 공유회의실, 긴 탁자와 의자 열 개", name="room.jpg"):
    return photos.add_photo(
        space=space, upload=upload(name, data or jpeg_with_gps()), alt=alt, staff=staff, now=NOW
    )


def test_a_photo_is_stored_without_exif_under_a_random_name(space, dong_staff, media):
    photo = add(space, dong_staff)
    assert photo.alt == "1층 공유회의실, 긴 탁자와 의자 열 개"
    assert "room" not in photo.image.name
    with Image.open(photo.image.path) as image:
        assert not image.getexif().get_ifd(GPS_IFD) and 0x010F not in image.getexif()
    assert len(stored(media)) == 1


@pytest.mark.parametrize(
    ("data", "alt", "code"),
    [
        (None, "  ", "alt"),
        (PDF, "안내문", "bad_type"),
        (b"MZ\x90\x00 not a picture", "사진", "bad_type"),
        (b"\x89PNG\r\n\x1a\n broken", "사진", "bad_file"),
    ],
)
def test_bad_photos_are_refused_and_nothing_is_stored(space, dong_staff, media, data, alt, code):
    with pytest.raises(RuleViolation) as refusal:
        add(space, dong_staff, data=data, alt=alt)
    assert refusal.value.code == code
    assert not SpacePhoto.objects.exists() and not stored(media)


def test_staff_elsewhere_and_residents_cannot_add_or_remove(
    space, dong_staff, other_dong_staff, resident
):
    for user in (other_dong_staff, resident):
        with pytest.raises(RuleViolation):
            add(space, user)
    photo = add(space, dong_staff)
    with pytest.raises(RuleViolation):
        photos.remove_photo(photo=photo, staff=other_dong_staff, now=NOW)
    assert SpacePhoto.objects.count() == 1


def test_removing_a_photo_deletes_its_file(
    space, dong_staff, media, django_capture_on_commit_callbacks
):
    photo = add(space, dong_staff, data=png_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        photos.remove_photo(photo=photo, staff=dong_staff, now=NOW)
    assert not SpacePhoto.objects.exists() and not stored(media)


def test_the_pages(client, space, dong_staff, other_dong_staff):
    page = reverse("spaces:staff_photos", args=[space.pk])
    client.force_login(dong_staff)
    assert client.get(page).status_code == 200
    missing_alt = client.post(page, {"image": upload("a.jpg", jpeg_with_gps()), "alt": ""})
    assert missing_alt.status_code == 400 and not SpacePhoto.objects.exists()
    pdf = client.post(page, {"image": upload("a.pdf", PDF), "alt": "안내문"})
    assert pdf.status_code == 400 and not SpacePhoto.objects.exists()
    assert "사진" in pdf.content.decode()
    done = client.post(page, {"image": upload("a.jpg", jpeg_with_gps()), "alt": "마당의 텃밭"})
    assert done.status_code == 302
    photo = SpacePhoto.objects.get()
    shown = client.get(reverse("spaces:detail", args=[space.pk])).content.decode()
    assert f'src="{photo.image.url}" alt="마당의 텃밭"' in shown
    remove = reverse("spaces:staff_remove_photo", args=[photo.pk])
    client.force_login(other_dong_staff)
    assert client.post(remove).status_code == 404
    assert client.get(page).status_code == 404
    client.force_login(dong_staff)
    assert client.post(remove).status_code == 302
    assert not SpacePhoto.objects.exists()
