"""Admin for browsing mailing-list messages, read-only: collection writes them."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.mailing_lists.models import MailingListMessage


@admin.register(MailingListMessage)
class MailingListMessageAdmin(ReadOnlyAdmin[MailingListMessage]):
    list_display = ("list_name", "subject", "sent_at", "sender_profile_id")
    list_filter = ("list_name",)
    search_fields = ("subject", "message_id")
    date_hierarchy = "sent_at"
