"""The legacy tracker: its rows pointed at the legacy hub's profiles by foreign keys, as the
seed's trackers do (CASCADE, SET_NULL, a one-to-one). Migrations 0002 and 0003, written by
``trackerhub decouple``, turned the first two into soft references; the one-to-one is still a
relation, for the command's tests."""

from django.db import models


class Commit(models.Model):
    sha = models.CharField(max_length=40, unique=True)
    # A soft reference since 0002 (trackerhub decouple): the GitHub profile's id, no constraint.
    author = models.BigIntegerField(db_column="author_id", db_index=True)

    def __str__(self) -> str:
        return self.sha


class Message(models.Model):
    text = models.TextField()
    # A soft reference since 0003 (trackerhub decouple): a base profile's id, or NULL.
    sender = models.BigIntegerField(blank=True, db_column="sender_id", db_index=True, null=True)

    def __str__(self) -> str:
        return self.text


class Badge(models.Model):
    title = models.CharField(max_length=100)
    holder = models.OneToOneField("people.BaseProfile", models.CASCADE, related_name="badge")

    def __str__(self) -> str:
        return self.title
