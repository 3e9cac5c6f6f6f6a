"""A legacy tracker still welded to its neighbours the way the seed's Boost trackers are: a
profile kind inheriting another app's concrete profile (multi-table inheritance across apps,
the parent imported from that app), a many-to-many to another app's profiles with Django's own
through table, a cascading foreign key and a nullable one, a generic relation through
contenttypes. Not decoupled: the coupling inventory's and the plan's example."""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models

from tests.legacy.people.models import BaseProfile


class Maintainer(BaseProfile):
    """Multi-table inheritance across apps, as in the seed's BoostLibraryRepository."""

    since = models.DateField(null=True)

    def __str__(self) -> str:
        return f"maintainer {self.pk}"


class Library(models.Model):
    name = models.CharField(max_length=100, unique=True)
    owner = models.ForeignKey("people.GitHubProfile", models.CASCADE, related_name="libraries")
    first_commit = models.ForeignKey(
        "activity.Commit", models.SET_NULL, null=True, related_name="libraries"
    )
    maintainers = models.ManyToManyField("people.GitHubProfile", related_name="maintained")
    notes = GenericRelation("libraries.Note")

    def __str__(self) -> str:
        return self.name


class Note(models.Model):
    """A note on any row of any app, through contenttypes, as the seed's generic tags are."""

    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("content_type", "object_id")
    text = models.TextField()

    def __str__(self) -> str:
        return self.text


class Badge(models.Model):
    """A row whose primary key is a one-to-one to another app's row, as the seed's BoostFile's
    is to its GitHubFile: the last of its kind to be decoupled."""

    holder = models.OneToOneField(
        "people.BaseProfile", models.CASCADE, primary_key=True, related_name="library_badge"
    )
    title = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.title
