"""The search index: one document per public row of every registered source.

A document is a copy of what the public may read of one row (title, body, dong, year, its
address), with the content morphemes of its text as `terms` and of its title as
`title_terms`, each a space-separated list with a space at both ends (' 주차장 공영 '), so
that ' 주차' matches a term that starts with '주차' on any database. On PostgreSQL a GIN index
over the generated column `terms_tsv` = `to_tsvector('simple', terms)` (migration 0002)
finds them without reading the table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import optional_link
from maeul.places.models import District, Dong


class Document(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    terms = models.TextField(editable=False)
    title_terms = models.TextField(editable=False)
    district = optional_link(District, related_name="+", on_delete=models.CASCADE)
    dong = optional_link(Dong, related_name="+", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.CharField(max_length=300)
    updated = models.DateTimeField(_("updated"), null=True, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]
        indexes = [
            models.Index(fields=["kind", "year"], name="search_document_kind_year"),
            models.Index(fields=["year"], name="search_document_year"),
            models.Index(fields=["-updated"], name="search_document_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
