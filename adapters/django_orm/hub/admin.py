"""Admin for reviewing the hub: persons with their profiles, profiles with their emails.

Profiles and emails are written by collection through the hub's use cases; the admin shows
them read-only except for the one editorial decision, which person a profile belongs to.
"""

from django.contrib import admin
from django.http import HttpRequest

from adapters.django_orm.hub.models import Email, Identity, Profile


class EmailInline(admin.TabularInline[Email, Profile]):
    model = Email
    extra = 0
    fields = ("address", "is_primary", "is_active")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Profile | None = None) -> bool:
        return False


class ProfileInline(admin.TabularInline[Profile, Identity]):
    model = Profile
    extra = 0
    fields = ("kind", "display_name", "username", "key")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Identity | None = None) -> bool:
        return False


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin[Identity]):
    list_display = ("id", "display_name", "created_at")
    search_fields = ("display_name",)
    inlines = (ProfileInline,)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin[Profile]):
    list_display = ("id", "kind", "display_name", "username", "key", "identity", "is_bot")
    list_filter = ("kind", "is_bot", "account_type")
    search_fields = ("display_name", "username", "key", "emails__address")
    raw_id_fields = ("identity",)
    readonly_fields = (
        "kind",
        "key",
        "display_name",
        "username",
        "external_id",
        "avatar_url",
        "account_type",
        "is_bot",
        "created_at",
        "updated_at",
    )
    inlines = (EmailInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
