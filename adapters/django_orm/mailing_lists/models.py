"""Mailing-list messages. A sender is a hub profile id held as a plain integer: no relation
to the hub, so this app migrates and runs with only itself installed, and removing a profile
never removes a message."""

from django.db import models


class MailingListMessage(models.Model):
    list_name = models.CharField(max_length=255)
    message_id = models.CharField(max_length=998)  # RFC 5322's line limit
    message_id_hash = models.CharField(max_length=64, db_index=True)
    subject = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    sender_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text="Soft reference to a hub profile."
    )
    # "" for a message that replies to nothing.
    parent_hash = models.CharField(max_length=64, blank=True, db_index=True)
    thread_hash = models.CharField(max_length=64, db_index=True)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["list_name", "message_id"], name="mailing_lists_message_key_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(sender_profile_id__gte=1),
                name="mailing_lists_sender_profile_id_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.list_name}: {self.subject}"
