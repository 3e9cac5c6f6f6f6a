"""Admin for browsing WG21 papers, read-only: collection writes these rows; the admin lists
and searches them, and shows a document's authors, subgroups, files and issues."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.wg21.models import (
    Document,
    Mailing,
    Paper,
)


@admin.register(Paper)
class PaperAdmin(ReadOnlyAdmin[Paper]):
    list_display = ("paper_id", "series", "number", "kind", "github_url")
    list_filter = ("series", "kind")
    search_fields = ("paper_id",)


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin[Document]):
    list_display = ("document_id", "title", "author_text", "document_date", "mailing", "subgroup")
    list_filter = ("mailing", "subgroups__code")
    search_fields = ("document_id", "paper", "title", "author_text")
    date_hierarchy = "document_date"


@admin.register(Mailing)
class MailingAdmin(ReadOnlyAdmin[Mailing]):
    list_display = ("mailing_id", "title")
    search_fields = ("mailing_id", "title")
