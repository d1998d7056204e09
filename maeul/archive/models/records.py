"""마을기록: records of community life (text, photos, documents, video links) and the
exhibitions (전시) that curate them.

A record belongs to a district and usually a dong, to a year, and may name the community
group, the project (실행사업) or the council event it documents. Staff publish at once; a
community recorder's (마을기록가) record waits for staff approval. Only published records are
public (`ArchiveRecord.objects.public()`).

Photos and documents live in private storage (outside MEDIA_ROOT): their only URL is the
view that asks whether the reader may see the record's files (`RecordPhoto.url`,
`RecordDocument.url`), so a record awaiting approval or taken off keeps its files private.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maeul.core.model_parts import PublishedQuerySet, actor_field, optional_link
from maeul.core.narrowing import narrowed
from maeul.core.storage import PrivateStorage
from maeul.councils.models import CouncilEvent
from maeul.grants.models import CommunityGroup
from maeul.places.models import District, Dong
from maeul.plans.models import Project

MAX_TAGS = 8
MAX_PHOTOS = 12
MAX_DOCUMENTS = 5


class RecordKind(models.TextChoices):
    TEXT = "text", _("Text")
    PHOTO = "photo", _("Photos")
    DOCUMENT = "document", _("Document")
    VIDEO = "video", _("Video")


class RecordStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting approval")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("record", "Withdrawn")


class ArchiveRecordQuerySet(models.QuerySet["ArchiveRecord"]):
    def public(self) -> "ArchiveRecordQuerySet":
        """Published records: what anyone may read (and search may index)."""
        return self.filter(status=RecordStatus.PUBLISHED)

    def awaiting_approval(self) -> "ArchiveRecordQuerySet":
        return self.filter(status=RecordStatus.SUBMITTED).order_by("created_at", "pk")

    def in_dong(self, dong: Dong) -> "ArchiveRecordQuerySet":
        return self.filter(dong=dong)

    def matching(
        self,
        *,
        dong: str | None = None,
        year: int | None = None,
        tag: str | None = None,
        kind: str | None = None,
    ) -> "ArchiveRecordQuerySet":
        """Narrowed by the list's filters: a dong's code, a year, a tag, a kind (empty ones
        do not narrow)."""
        return narrowed(self, dong__code=dong, year=year, tags__name=tag, kind=kind)

    def newest_first(self) -> "ArchiveRecordQuerySet":
        return self.order_by("-year", "-published_at", "-pk")


class ArchiveRecord(models.Model):
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RecordKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=RecordStatus.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = optional_link(Dong, related_name="archive_records", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    group = optional_link(CommunityGroup, _("community group"), related_name="archive_records")
    project = optional_link(Project, _("project"), related_name="archive_records")
    event = optional_link(CouncilEvent, _("event"), related_name="archive_records")
    video_url = models.URLField(_("video link"), blank=True)
    author = actor_field()
    by_recorder = models.BooleanField(_("written by a community recorder"), default=False)
    approved_by = actor_field(blank=True)
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ArchiveRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("community record")
        verbose_name_plural = _("community records")
        ordering = ["-year", "-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "dong", "year"], name="record_public_dong_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RecordStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="record_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:record", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == RecordStatus.PUBLISHED


class RecordTag(models.Model):
    record = models.ForeignKey(ArchiveRecord, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("tag"), max_length=30)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["record", "name"]
        constraints = [
            models.UniqueConstraint(fields=["record", "name"], name="record_tag_once"),
        ]
        indexes = [models.Index(fields=["name"], name="record_tag_name")]

    def __str__(self) -> str:
        return self.name


class RecordPhoto(models.Model):
    """A photo, re-encoded without EXIF under a random name, with its required alt text."""

    record = models.ForeignKey(ArchiveRecord, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="archive/photos/", storage=PrivateStorage())
    alt = models.CharField(_("description of the photo"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("photo of a record")
        verbose_name_plural = _("photos of a record")
        ordering = ["record", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt=""), name="record_photo_has_alt"),
        ]

    def __str__(self) -> str:
        return self.alt

    @property
    def url(self) -> str:
        """The photo's one address: the view that checks who may see the record's files."""
        return reverse("archive:photo", args=[self.pk])


class RecordDocument(models.Model):
    """A document (PDF, HWP, HWPX, XLSX, PNG, JPEG) judged by its content, under a random name."""

    record = models.ForeignKey(ArchiveRecord, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("document"), upload_to="archive/documents/", storage=PrivateStorage())
    original_name = models.CharField(_("file name"), max_length=200)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("document of a record")
        verbose_name_plural = _("documents of a record")
        ordering = ["record", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def url(self) -> str:
        """The document's one address: the view that checks who may see the record's files."""
        return reverse("archive:document", args=[self.pk])


class ExhibitionQuerySet(PublishedQuerySet["Exhibition"]):
    """Exhibitions; `public()` are those staff have published."""


class Exhibition(models.Model):
    """전시: records chosen and ordered by staff, with an introduction."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = optional_link(Dong, related_name="exhibitions", on_delete=models.PROTECT)
    curated_by = actor_field()
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    records: "models.ManyToManyField[ArchiveRecord, ExhibitionItem]" = models.ManyToManyField(
        ArchiveRecord, through="ExhibitionItem", related_name="exhibitions"
    )

    objects = ExhibitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:exhibition", args=[self.pk])


class ExhibitionItem(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="items")
    record = models.ForeignKey(ArchiveRecord, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField()
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("exhibited record")
        verbose_name_plural = _("exhibited records")
        ordering = ["exhibition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "record"], name="exhibit_record_once"),
        ]

    def __str__(self) -> str:
        return f"{self.exhibition} · {self.order}"
