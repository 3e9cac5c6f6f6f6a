"""Admin for reviewing the hub: persons with their profiles, profiles with their emails.

Profiles and emails are written by collection through the hub's use cases; the admin shows
them read-only. Its editorial decisions go through the use cases too, so the hub's rules hold
and its events are published: which person a profile belongs to (``IdentityHub.link`` and
``unlink``), and creating or renaming a person, each recorded in the audit log as the work of
the signed-in user. Merges and the audit log are shown read-only. Nothing is deleted here.
"""

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from adapters.django_orm.hub.models import AuditEntry, Email, Identity, Merge, Profile
from adapters.django_orm.main.bootstrap import identity_hub
from core.protocols.audit import Actor
from core.protocols.refs import IdentityRef, ProfileKind, ref_of

ADMIN_REASON = "edited in the admin"


def _actor(request: HttpRequest) -> Actor:
    return Actor.user(request.user.get_username())


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
    list_display = ("id", "display_name", "is_locked", "merged_into", "created_at")
    list_filter = ("is_locked",)
    search_fields = ("display_name",)
    fields = ("display_name", "description", "is_locked", "merged_into")
    readonly_fields = ("is_locked", "merged_into")
    inlines = (ProfileInline,)

    def save_model(
        self, request: HttpRequest, obj: Identity, form: ModelForm[Identity], change: bool
    ) -> None:
        hub = identity_hub(obj._state.db or "default")
        actor, reason = _actor(request), ADMIN_REASON
        if change:
            hub.update_identity(
                IdentityRef(obj.pk), obj.display_name, obj.description, actor=actor, reason=reason
            )
        else:
            obj.pk = hub.create_identity(
                obj.display_name, obj.description, actor=actor, reason=reason
            ).identity_id
        obj.refresh_from_db()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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

    def save_model(
        self, request: HttpRequest, obj: Profile, form: ModelForm[Profile], change: bool
    ) -> None:
        """Only the person a profile belongs to can change here, and only through the hub."""
        if "identity" not in form.changed_data:
            return
        hub = identity_hub(obj._state.db or "default")
        ref = ref_of(ProfileKind(obj.kind), obj.pk)
        actor, reason = _actor(request), ADMIN_REASON
        if obj.identity_id is None:
            hub.unlink(ref, actor=actor, reason=reason)
        else:
            hub.link(ref, IdentityRef(obj.identity_id), actor=actor, reason=reason)
        obj.refresh_from_db()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin[M: Merge | AuditEntry](admin.ModelAdmin[M]):
    """Written only by the hub's use cases; shown, never edited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Merge)
class MergeAdmin(ReadOnlyAdmin[Merge]):
    list_display = ("id", "into", "others", "actor_kind", "actor_name", "at", "unmerged_at")
    list_filter = ("actor_kind",)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin[AuditEntry]):
    list_display = ("id", "operation", "actor_kind", "actor_name", "reason", "identities", "at")
    list_filter = ("operation", "actor_kind")
    search_fields = ("actor_name", "reason")
