from django.db import migrations, models

import adapters.django_orm.coupling.operations


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [
        adapters.django_orm.coupling.operations.SoftenForeignKey(
            model_name="Commit",
            name="author",
            soft_field=models.BigIntegerField(db_column="author_id", db_index=True),
        ),
    ]
