"""Admin for browsing Boost usage, read-only: collection writes these rows; the admin lists
and searches them."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.boost_usage.models import Project, Usage


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin[Project]):
    list_display = ("key", "name", "repository", "boost_version", "embeds_boost", "changed_at")
    list_filter = ("embeds_boost", "boost_version", "version_source")
    search_fields = ("key", "name")


@admin.register(Usage)
class UsageAdmin(ReadOnlyAdmin[Usage]):
    list_display = ("project", "path", "header", "line", "first_seen", "gone_at")
    list_filter = ("gone_at",)
    search_fields = ("project", "path", "header")
    date_hierarchy = "first_seen"
