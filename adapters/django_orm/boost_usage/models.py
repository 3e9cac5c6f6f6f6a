"""Boost usage: each scanned project, and each Boost header a file of it includes. Each model
stores one record type of the Boost usage tracker, field for field.

Every table stands on its own: a usage names its project by the project's key, and a project
names its GitHub repository by the GitHub tracker's key (``GitHubRepositoryRefField``), a text
column with no relation to the GitHub app, so this app migrates and runs with only itself
installed. Keys, paths and headers are texts of any length: a folder's name may be long, and
one whose bytes are not UTF-8 is stored escaped.
"""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import GitHubRepositoryRefField, ProfileRefField, natural_key
from core.protocols.refs import GitHubAccountRef
from core.protocols.trackers import RecordType
from trackers.boost_usage import ingest as boost_usage

VERSION_LENGTH = 32  # "1.86.0", with room
SOURCE_LENGTH = 32  # "CMake find_package"


class Project(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = boost_usage.PROJECTS

    key = models.TextField(help_text='"boostorg/json", or "local/<folder>-<hash of its path>".')
    name = models.TextField(blank=True)
    repository = GitHubRepositoryRefField(help_text="The GitHub tracker's repository key.")
    owner = ProfileRefField(
        GitHubAccountRef, null=True, blank=True, help_text="The repository's owner on GitHub."
    )
    boost_version = models.CharField(max_length=VERSION_LENGTH, blank=True, db_index=True)
    version_source = models.CharField(
        max_length=SOURCE_LENGTH, blank=True, help_text="What declared the version."
    )
    version_file = models.TextField(blank=True, help_text="From the project's root.")
    version_line = models.BigIntegerField(null=True, blank=True)
    embeds_boost = models.BooleanField(default=False)
    changed_at = models.DateTimeField(
        null=True, blank=True, help_text="The newest modification of the tree scanned."
    )

    class Meta:
        constraints = [natural_key(boost_usage.PROJECTS, "boost_usage_project_key_unique")]

    def __str__(self) -> str:
        return self.name or self.key


class Usage(models.Model):
    """A Boost header a file of a project includes; ``gone_at`` is set once it is not."""

    record_type: ClassVar[RecordType[Any, Any]] = boost_usage.USAGES

    project = models.TextField(db_index=True, help_text="The project's key.")
    path = models.TextField(help_text="From the project's root.")
    header = models.TextField(db_index=True, help_text='As included: "boost/asio.hpp".')
    line = models.BigIntegerField(null=True, blank=True)
    first_seen = models.DateTimeField(
        null=True, blank=True, help_text="Its file's modification time when first seen."
    )
    gone_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [natural_key(boost_usage.USAGES, "boost_usage_usage_key_unique")]

    def __str__(self) -> str:
        return f"{self.project}:{self.path} {self.header}"
