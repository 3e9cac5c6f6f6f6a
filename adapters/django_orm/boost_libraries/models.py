"""Boost libraries: releases, modules, libraries, what each release says of each library, the
dependencies between modules per release with their change log, and the headers each module
provides. Each model stores one record type of the tracker, field for field.

Every table stands on its own: rows name each other by natural key (a module by its name, a
release by its version), not joined, so a release stores whether or not its modules could be
read. A module's GitHub repository is the GitHub tracker's key in a text column of this app
(``GitHubRepositoryRefField``); authors and maintainers are soft references to hub profiles
(``ProfileRefField``): no relation crosses the app, which migrates and runs alone.
"""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import GitHubRepositoryRefField, ProfileRefField, natural_key
from adapters.django_orm.tuple_items import TupleItem
from core.protocols.refs import BoostAuthorRef
from core.protocols.trackers import RecordType
from trackers.boost_libraries import ingest as boost

VERSION_LENGTH = 16  # "1.86.0": three numbers of at most three digits
SHA_LENGTH = 64  # SHA-1, or SHA-256 repositories


class Version(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = boost.VERSIONS

    version = models.CharField(max_length=VERSION_LENGTH, help_text='"1.86.0".')
    tag = models.TextField(blank=True, help_text='"boost-1.86.0".')
    commit = models.CharField(max_length=SHA_LENGTH, blank=True)
    released_at = models.DateTimeField(null=True, blank=True, db_index=True)
    sort_key = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text="Orders releases: 1.86.0 is 1086000."
    )

    class Meta:
        constraints = [natural_key(boost.VERSIONS, "boost_libraries_version_key_unique")]

    def __str__(self) -> str:
        return self.version


class Module(models.Model):
    """A submodule of the super-project."""

    record_type: ClassVar[RecordType[Any, Any]] = boost.MODULES

    name = models.TextField(help_text='As .gitmodules names it: "numeric_conversion".')
    path = models.TextField(blank=True, help_text='"libs/numeric/conversion".')
    url = models.TextField(blank=True, help_text='As .gitmodules gives it: "../asio.git".')
    repository = GitHubRepositoryRefField(help_text="The GitHub tracker's repository key.")
    first_version = models.CharField(max_length=VERSION_LENGTH, blank=True)
    last_version = models.CharField(max_length=VERSION_LENGTH, blank=True)
    last_sort_key = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [natural_key(boost.MODULES, "boost_libraries_module_key_unique")]

    def __str__(self) -> str:
        return self.name


class Library(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = boost.LIBRARIES

    key = models.TextField(help_text='From meta/libraries.json: "functional/hash".')
    module = models.TextField(blank=True, db_index=True, help_text="The module's name.")
    first_version = models.CharField(max_length=VERSION_LENGTH, blank=True)
    last_version = models.CharField(max_length=VERSION_LENGTH, blank=True)
    last_sort_key = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "libraries"
        constraints = [natural_key(boost.LIBRARIES, "boost_libraries_library_key_unique")]

    def __str__(self) -> str:
        return self.key


class LibraryVersion(models.Model):
    """What one release's meta/libraries.json says of a library."""

    record_type: ClassVar[RecordType[Any, Any]] = boost.LIBRARY_VERSIONS

    library = models.TextField(help_text="The library's key.")
    version = models.CharField(max_length=VERSION_LENGTH, db_index=True)
    module = models.TextField(blank=True, db_index=True)
    name = models.TextField(blank=True)
    description = models.TextField(blank=True)
    cxxstd = models.TextField(blank=True, help_text='The oldest C++ standard it needs: "11".')

    class Meta:
        constraints = [
            natural_key(boost.LIBRARY_VERSIONS, "boost_libraries_library_version_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.library} {self.version}"


class LibraryVersionCategory(TupleItem):
    library_version = models.ForeignKey(
        LibraryVersion, on_delete=models.CASCADE, related_name="categories"
    )
    category = models.TextField(db_index=True)

    class Meta(TupleItem.Meta):
        verbose_name_plural = "library version categories"


class LibraryVersionAuthor(TupleItem):
    library_version = models.ForeignKey(
        LibraryVersion, on_delete=models.CASCADE, related_name="authors"
    )
    author = ProfileRefField(BoostAuthorRef)


class LibraryVersionMaintainer(TupleItem):
    library_version = models.ForeignKey(
        LibraryVersion, on_delete=models.CASCADE, related_name="maintainers"
    )
    maintainer = ProfileRefField(BoostAuthorRef)


class Dependency(models.Model):
    """In a release, a module includes a header another module provides."""

    record_type: ClassVar[RecordType[Any, Any]] = boost.DEPENDENCIES

    module = models.TextField()
    version = models.CharField(max_length=VERSION_LENGTH, db_index=True)
    dependency = models.TextField(db_index=True, help_text="The module depended on.")
    via = models.TextField(blank=True, help_text="A header of it the module includes.")

    class Meta:
        verbose_name_plural = "dependencies"
        constraints = [natural_key(boost.DEPENDENCIES, "boost_libraries_dependency_key_unique")]

    def __str__(self) -> str:
        return f"{self.module} {self.version} -> {self.dependency}"


class DependencyChange(models.Model):
    """A dependency a module gained or lost in a release, against the release before."""

    record_type: ClassVar[RecordType[Any, Any]] = boost.DEPENDENCY_CHANGES

    module = models.TextField()
    dependency = models.TextField(db_index=True)
    version = models.CharField(max_length=VERSION_LENGTH, db_index=True)
    added = models.BooleanField(null=True, blank=True, help_text="False: removed.")
    previous_version = models.CharField(max_length=VERSION_LENGTH, blank=True)

    class Meta:
        constraints = [
            natural_key(boost.DEPENDENCY_CHANGES, "boost_libraries_dependency_change_key_unique")
        ]

    def __str__(self) -> str:
        sign = "+" if self.added else "-"
        return f"{self.module} {self.version}: {sign}{self.dependency}"


class Header(models.Model):
    """A header under a module's include/, and the module providing it in its last release."""

    record_type: ClassVar[RecordType[Any, Any]] = boost.HEADERS

    path = models.TextField(help_text='"boost/asio/io_context.hpp".')
    module = models.TextField(blank=True, db_index=True)
    first_version = models.CharField(max_length=VERSION_LENGTH, blank=True)
    last_version = models.CharField(max_length=VERSION_LENGTH, blank=True)
    last_sort_key = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [natural_key(boost.HEADERS, "boost_libraries_header_key_unique")]

    def __str__(self) -> str:
        return self.path
