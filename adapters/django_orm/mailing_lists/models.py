"""Mailing-list messages. A sender is a soft reference to a hub profile: no relation to the
hub, so this app migrates and runs with only itself installed, and removing a profile never
removes a message."""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import ProfileRefField, natural_key
from core.protocols.refs import MailingListSenderRef
from core.protocols.trackers import RecordType
from trackers.mailing_lists.ingest import MESSAGES


class MailingListMessage(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = MESSAGES

    list_name = models.CharField(max_length=255)
    message_id = models.CharField(max_length=998)  # RFC 5322's line limit
    message_id_hash = models.CharField(max_length=64, db_index=True)
    subject = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    sender = ProfileRefField(MailingListSenderRef, null=True, blank=True)
    # NULL for a message that replies to nothing, as the record's None: no hash is "".
    parent_hash = models.CharField(max_length=64, null=True, blank=True, db_index=True)  # noqa: DJ001
    thread_hash = models.CharField(max_length=64, db_index=True)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            natural_key(MESSAGES, "mailing_lists_message_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.list_name}: {self.subject}"
