"""Photos of a space, uploaded by staff: stored re-encoded without EXIF under a random name,
each with the alt text readers of a screen reader hear."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import actor_field
from maeul.spaces.models.places import Space

MAX_PHOTOS = 12


class SpacePhoto(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="spaces/photos/")
    alt = models.CharField(_("description of the photo"), max_length=200)
    uploaded_by = actor_field()
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("photo of a space")
        verbose_name_plural = _("photos of a space")
        ordering = ["space", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt=""), name="space_photo_has_alt"),
        ]

    def __str__(self) -> str:
        return self.alt
