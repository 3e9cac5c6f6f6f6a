from django.db import migrations, models

import adapters.django_orm.coupling.operations


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0002_decouple_commit_author"),
        ("people", "0001_initial"),
    ]

    operations = [
        adapters.django_orm.coupling.operations.SoftenForeignKey(
            model_name="Message",
            name="sender",
            soft_field=models.BigIntegerField(
                blank=True, db_column="sender_id", db_index=True, null=True
            ),
        ),
    ]
