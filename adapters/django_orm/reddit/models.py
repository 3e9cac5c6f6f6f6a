"""Reddit activity: submissions and the comments on them. Each model stores one record type of
the reddit tracker, field for field.

Both tables stand on their own: a comment names its submission and its parent by fullname, not
by a relation, so a comment read from a user's listing stores whether or not its submission was
ever read. An author is a soft reference to a hub profile (``ProfileRefField``): no relation to
the hub, so this app migrates and runs with only itself installed, and removing a profile
removes no post.
"""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import ProfileRefField, natural_key
from core.protocols.refs import RedditUserRef
from core.protocols.trackers import RecordType
from trackers.reddit.ingest import COMMENTS, SUBMISSIONS

# "t3_" or "t1_" and a base-36 id of at most 13 digits, as the reader accepts them.
FULLNAME_LENGTH = 16
# Subreddit names are at most 21 characters, a user's own "u_" and 20; the reader takes 64.
SUBREDDIT_LENGTH = 64


def _fullname(help_text: str, **options: Any) -> models.CharField[str, str]:
    return models.CharField(max_length=FULLNAME_LENGTH, help_text=help_text, **options)


class Submission(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = SUBMISSIONS

    fullname = _fullname("The post's fullname: t3_ and its id.")
    subreddit = models.CharField(max_length=SUBREDDIT_LENGTH, blank=True)
    author = ProfileRefField(RedditUserRef, null=True, blank=True)
    title = models.TextField(blank=True)
    selftext = models.TextField(blank=True, help_text="A self post's Markdown.")
    url = models.TextField(blank=True)
    permalink = models.TextField(blank=True)
    score = models.BigIntegerField(null=True, blank=True)
    num_comments = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When the sighting stored was saved."
    )

    class Meta:
        constraints = [
            natural_key(SUBMISSIONS, "reddit_submission_key_unique"),
        ]
        indexes = [
            models.Index(fields=["subreddit", "created_at"], name="reddit_submission_sub_idx"),
        ]

    def __str__(self) -> str:
        return f"r/{self.subreddit}: {self.title}" if self.subreddit else self.fullname


class Comment(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = COMMENTS

    fullname = _fullname("The comment's fullname: t1_ and its id.")
    submission = _fullname("The submission's fullname.", blank=True, db_index=True)
    parent = _fullname(
        "What it replies to, by fullname: the submission or a comment.",
        blank=True,
        db_index=True,
    )
    subreddit = models.CharField(max_length=SUBREDDIT_LENGTH, blank=True)
    author = ProfileRefField(RedditUserRef, null=True, blank=True)
    body = models.TextField(blank=True)
    permalink = models.TextField(blank=True)
    score = models.BigIntegerField(null=True, blank=True)
    depth = models.BigIntegerField(
        null=True, blank=True, help_text="0 for a reply to the submission."
    )
    created_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When the sighting stored was saved."
    )

    class Meta:
        constraints = [
            natural_key(COMMENTS, "reddit_comment_key_unique"),
        ]
        indexes = [
            models.Index(fields=["subreddit", "created_at"], name="reddit_comment_sub_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.fullname} on {self.submission}" if self.submission else self.fullname
