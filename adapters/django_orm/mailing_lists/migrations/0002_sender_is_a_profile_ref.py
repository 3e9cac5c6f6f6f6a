"""The sender becomes a ProfileRefField (its column unchanged, its positivity a column check),
and a message that replies to nothing has a NULL parent hash instead of ""."""

from typing import Any

from django.db import migrations, models

from adapters.django_orm.fields import ProfileRefField
from core.protocols.refs import MailingListSenderRef


def _no_parent_is_null(apps: Any, schema_editor: Any) -> None:
    message = apps.get_model("mailing_lists", "MailingListMessage")
    message.objects.using(schema_editor.connection.alias).filter(parent_hash="").update(
        parent_hash=None
    )


def _no_parent_is_empty(apps: Any, schema_editor: Any) -> None:
    message = apps.get_model("mailing_lists", "MailingListMessage")
    message.objects.using(schema_editor.connection.alias).filter(parent_hash=None).update(
        parent_hash=""
    )


class Migration(migrations.Migration):
    dependencies = [("mailing_lists", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(
            model_name="mailinglistmessage", name="mailing_lists_sender_profile_id_positive"
        ),
        migrations.RenameField(
            model_name="mailinglistmessage", old_name="sender_profile_id", new_name="sender"
        ),
        migrations.AlterField(
            model_name="mailinglistmessage",
            name="sender",
            field=ProfileRefField(MailingListSenderRef, blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="mailinglistmessage",
            name="parent_hash",
            field=models.CharField(blank=True, db_index=True, max_length=64, null=True),
        ),
        migrations.RunPython(_no_parent_is_null, _no_parent_is_empty),
    ]
