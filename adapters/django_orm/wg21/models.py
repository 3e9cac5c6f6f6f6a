"""WG21 papers: each paper, each of its documents (one per revision) and each mailing. Each
model stores one record type of the WG21 tracker, field for field.

Every table stands on its own: a document names its paper and its mailing by their ids, not
joined to them, so a document read from a page whose mailing was never titled still stores.
An author is a soft reference to a hub profile (``ProfileRefField``): no relation to the hub,
so this app migrates and runs with only itself installed. A document's authors, subgroups,
files and issues are child rows, kept in the record's order.
"""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import ProfileRefField, natural_key
from adapters.django_orm.tuple_items import TupleItem
from core.protocols.refs import WG21AuthorRef
from core.protocols.trackers import RecordType
from trackers.wg21 import ingest as wg21

# A document id is at most 8 letters, a hyphen, 9 digits, "r" and 4 digits (document_ids).
ID_LENGTH = 32
MAILING_LENGTH = 16  # "2025-02", with room
SERIES_LENGTH = 8
KIND_LENGTH = 64
CODE_LENGTH = 8  # a subgroup's code: "LEWG", "SG23"


class Paper(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = wg21.PAPERS

    paper_id = models.CharField(max_length=ID_LENGTH, help_text='"p2300", "n4950", "sd-6".')
    series = models.CharField(max_length=SERIES_LENGTH, blank=True, db_index=True)
    number = models.BigIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=KIND_LENGTH, blank=True, help_text="The index's type.")
    github_url = models.TextField(blank=True)

    class Meta:
        constraints = [natural_key(wg21.PAPERS, "wg21_paper_key_unique")]

    def __str__(self) -> str:
        return self.paper_id


class Document(models.Model):
    """One revision of a paper, or a paper that has none."""

    record_type: ClassVar[RecordType[Any, Any]] = wg21.DOCUMENTS

    document_id = models.CharField(max_length=ID_LENGTH, help_text='"p2300r10", "n4950".')
    paper = models.CharField(max_length=ID_LENGTH, db_index=True, help_text="The paper's id.")
    revision = models.BigIntegerField(null=True, blank=True)
    title = models.TextField(blank=True)
    author_text = models.TextField(blank=True, help_text="The author string as written.")
    document_date = models.DateField(null=True, blank=True, db_index=True)
    year = models.BigIntegerField(null=True, blank=True, db_index=True)
    mailing = models.CharField(max_length=MAILING_LENGTH, blank=True, db_index=True)
    subgroup = models.TextField(blank=True, help_text="As written.")
    previous_version = models.TextField(blank=True)
    disposition = models.TextField(blank=True)
    url = models.TextField(blank=True)

    class Meta:
        constraints = [natural_key(wg21.DOCUMENTS, "wg21_document_key_unique")]

    def __str__(self) -> str:
        return f"{self.document_id.upper()}: {self.title}" if self.title else self.document_id


class DocumentAuthor(TupleItem):
    """An author of a document; ``position`` keeps the author string's order."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="authors")
    author = ProfileRefField(WG21AuthorRef)


class DocumentSubgroup(TupleItem):
    """A subgroup a document's subgroup text names, by its canonical code."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="subgroups")
    code = models.CharField(max_length=CODE_LENGTH, db_index=True)


class DocumentFile(TupleItem):
    """A file of a document a mailing page links: one per format."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    url = models.TextField()


class DocumentIssue(TupleItem):
    """An issue the index lists for a document."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="issues")
    issue = models.TextField()


class Mailing(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = wg21.MAILINGS

    mailing_id = models.CharField(max_length=MAILING_LENGTH, help_text='"2025-02".')
    title = models.TextField(blank=True)

    class Meta:
        constraints = [natural_key(wg21.MAILINGS, "wg21_mailing_key_unique")]

    def __str__(self) -> str:
        return self.title or self.mailing_id
