"""Admin for browsing Boost libraries, read-only: collection writes these rows; the admin
lists and searches them, and shows a library version's categories, authors and maintainers."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.boost_libraries.models import (
    Dependency,
    DependencyChange,
    Header,
    Library,
    LibraryVersion,
    Module,
    Version,
)


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin[Version]):
    list_display = ("version", "tag", "released_at", "commit")
    search_fields = ("version", "tag", "commit")
    ordering = ("-sort_key",)


@admin.register(Module)
class ModuleAdmin(ReadOnlyAdmin[Module]):
    list_display = ("name", "path", "repository", "first_version", "last_version")
    search_fields = ("name", "path", "repository")


@admin.register(Library)
class LibraryAdmin(ReadOnlyAdmin[Library]):
    list_display = ("key", "module", "first_version", "last_version")
    search_fields = ("key", "module")


@admin.register(LibraryVersion)
class LibraryVersionAdmin(ReadOnlyAdmin[LibraryVersion]):
    list_display = ("library", "version", "name", "cxxstd")
    list_filter = ("version", "cxxstd", "categories__category")
    search_fields = ("library", "name", "description")


@admin.register(Dependency)
class DependencyAdmin(ReadOnlyAdmin[Dependency]):
    list_display = ("module", "version", "dependency", "via")
    list_filter = ("version",)
    search_fields = ("module", "dependency")


@admin.register(DependencyChange)
class DependencyChangeAdmin(ReadOnlyAdmin[DependencyChange]):
    list_display = ("module", "version", "added", "dependency", "previous_version")
    list_filter = ("version", "added")
    search_fields = ("module", "dependency")


@admin.register(Header)
class HeaderAdmin(ReadOnlyAdmin[Header]):
    list_display = ("path", "module", "first_version", "last_version")
    search_fields = ("path", "module")
