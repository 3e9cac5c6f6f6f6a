"""Admin for reviewing the hub: persons with their profiles, profiles with their emails.

Profiles and emails are written by collection through the hub's use cases; the admin shows
them read-only. Its editorial decisions go through the use cases too, so the hub's rules hold
and its events are published: which person a profile belongs to (``IdentityHub.link`` and
``unlink``), and creating or renaming a person, each recorded in the audit log as the work of
the signed-in user. Merges and the audit log are shown read-only. Nothing is deleted here.

The review of recommendations happens here too, as the signed-in user and only through the use
cases: open recommendations by score with both profiles and their evidence, accepted or
dismissed by admin actions (``Reviewer.accept`` and ``dismiss``); identities merged by an
action (``IdentityHub.merge``) and merges undone by one (``IdentityHub.unmerge``). Each result,
and each refusal, is reported as a message.
"""

from collections.abc import Iterator
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.hub.models import (
    AuditEntry,
    Email,
    Identity,
    Merge,
    Profile,
    Recommendation,
)
from adapters.django_orm.hub.recommendations import DjangoRecommendationStore
from adapters.django_orm.main.bootstrap import apply_profile_events, identity_hub
from adapters.django_orm.main.errors import first_line
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity.reviewing import Reviewer, ReviewError
from core.protocols.audit import Actor, MergeRef
from core.protocols.errors import IdentityError
from core.protocols.recommendation_store import Status
from core.protocols.refs import IdentityRef, ProfileKind, ref_of

ADMIN_REASON = "edited in the admin"
MERGE_REASON = "merged in the admin"
UNMERGE_REASON = "unmerged in the admin"
ACCEPT_REASON = "accepted in the admin"
DISMISS_REASON = "dismissed in the admin"


def _actor(request: HttpRequest) -> Actor:
    return Actor.user(request.user.get_username())


def _selected_in_order(request: HttpRequest, queryset: QuerySet[Any]) -> list[Any]:
    """The selected rows in the order the form posts them, which is the order of the
    changelist's rows (so "the first selected" is the topmost ticked), not the database's."""
    rows = {str(row.pk): row for row in queryset}
    ticked = (
        []
        if request.POST.get("select_across") == "1"
        else request.POST.getlist(ACTION_CHECKBOX_NAME)
    )
    order = [pk for pk in ticked if pk in rows]
    if not order:  # "select all": every row, in the queryset's order
        order = list(rows)
    return [rows[pk] for pk in dict.fromkeys(order)]


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
    actions = ("merge_into_first",)

    @admin.action(description="Merge the selected identities into the first selected")
    def merge_into_first(self, request: HttpRequest, queryset: QuerySet[Identity]) -> None:
        """``IdentityHub.merge`` of the others into the first ticked, as the signed-in user."""
        selected = _selected_in_order(request, queryset)
        if len(selected) < 2:
            self.message_user(request, "Select at least two identities to merge.", messages.WARNING)
            return
        into, others = IdentityRef(selected[0].pk), [IdentityRef(i.pk) for i in selected[1:]]
        hub = identity_hub(queryset.db)
        try:
            merge = hub.merge(into, others, actor=_actor(request), reason=MERGE_REASON)
        except IdentityError as error:
            self.message_user(request, f"Not merged: {first_line(error)}", messages.ERROR)
            return
        names = ", ".join(str(o.identity_id) for o in others)
        self.message_user(
            request,
            f"Merge {merge.merge_id}: identities {names} merged into identity"
            f" {into.identity_id}; undo it with the Unmerge action on merges.",
            messages.SUCCESS,
        )

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
    actions = ("erase",)

    @admin.action(description="Erase the selected profiles on request")
    def erase(self, request: HttpRequest, queryset: QuerySet[Profile]) -> HttpResponse | None:
        """``IdentityHub.erase`` of each, as the signed-in user, after a page that asks for
        the reason; then every tracker applies the events."""
        profiles = list(queryset.order_by("pk"))
        reason = str(request.POST.get("erase_reason", "")).strip()
        if "confirm_erase" not in request.POST or not reason:
            return TemplateResponse(
                request,
                "admin/hub/profile/erase_confirmation.html",
                {**self.admin_site.each_context(request), "profiles": profiles},
            )
        hub = identity_hub(queryset.db)
        erased = 0
        for profile in profiles:
            try:
                hub.erase(
                    ref_of(ProfileKind(profile.kind), profile.pk),
                    actor=_actor(request),
                    reason=reason,
                )
                erased += 1
            except IdentityError as error:
                self.message_user(
                    request, f"{profile} not erased: {first_line(error)}", messages.ERROR
                )
        rewritten = sum(sum(done.records.values()) for done in apply_profile_events(queryset.db))
        self.message_user(
            request,
            f"{erased} profile(s) erased; the trackers anonymised {rewritten} record(s).",
            messages.SUCCESS,
        )
        return None

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


@admin.register(Merge)
class MergeAdmin(ReadOnlyAdmin[Merge]):
    list_display = ("id", "into", "others", "actor_kind", "actor_name", "at", "unmerged_at")
    list_filter = ("actor_kind",)
    actions = ("unmerge",)

    @admin.action(description="Unmerge the selected merges")
    def unmerge(self, request: HttpRequest, queryset: QuerySet[Merge]) -> None:
        """``IdentityHub.unmerge`` of each selected merge, as the signed-in user."""
        hub = identity_hub(queryset.db)
        for merge in _selected_in_order(request, queryset):
            try:
                report = hub.unmerge(
                    MergeRef(merge.pk), actor=_actor(request), reason=UNMERGE_REASON
                )
            except IdentityError as error:
                self.message_user(
                    request, f"Merge {merge.pk} not undone: {first_line(error)}", messages.ERROR
                )
                continue
            revived = ", ".join(str(i.identity_id) for i in report.revived) or "none"
            text = (
                f"Merge {merge.pk} undone: identities revived: {revived};"
                f" {len(report.restored)} profile(s) moved back"
            )
            if report.left:
                text += f"; {len(report.left)} left where they are (moved since)"
            if report.kept_fields:
                text += f"; kept (changed since): {', '.join(report.kept_fields)}"
            self.message_user(request, text + ".", messages.SUCCESS)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin[AuditEntry]):
    list_display = ("id", "operation", "actor_kind", "actor_name", "reason", "identities", "at")
    list_filter = ("operation", "actor_kind")
    search_fields = ("actor_name", "reason")


def _profile_label(profile: Profile) -> str:
    name = profile.display_name or profile.username
    return f"{profile.kind} {name} ({profile.key})" if name else f"{profile.kind} {profile.key}"


class RecommendationStatusFilter(admin.SimpleListFilter):
    """Open recommendations unless asked otherwise: those are the ones to review."""

    title = "status"
    parameter_name = "status"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, str]]:
        return [(s.value, s.value) for s in Status if s is not Status.OPEN] + [("all", "all")]

    def choices(self, changelist: Any) -> Iterator[Any]:
        current = self.value() or Status.OPEN.value
        for value, label in [(Status.OPEN.value, "open"), *self.lookup_choices]:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Recommendation]
    ) -> QuerySet[Recommendation]:
        value = self.value() or Status.OPEN.value
        return queryset if value == "all" else queryset.filter(status=value)


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin[Recommendation]):
    """Recommendations are written by runs and decided by the review's use cases: shown here,
    accepted or dismissed by the actions, never edited, added or deleted."""

    list_display = (
        "id",
        "first_profile",
        "second_profile",
        "rule_list",
        "score",
        "conclusive",
        "status",
    )
    list_display_links = ("id",)
    list_filter = (RecommendationStatusFilter, "conclusive")
    list_select_related = ("first", "second")
    search_fields = (
        "first__display_name",
        "first__username",
        "first__key",
        "second__display_name",
        "second__username",
        "second__key",
    )
    ordering = ("-score", "pk")
    fields = (
        "first_profile",
        "second_profile",
        "score",
        "conclusive",
        "rule_list",
        "evidence_table",
        "status",
        "created_at",
        "updated_at",
        "decided_at",
        "decided_by",
        "reason",
    )
    readonly_fields = fields
    actions = ("accept", "dismiss")

    @admin.display(description="first profile", ordering="first__display_name")
    def first_profile(self, obj: Recommendation) -> str:
        return _profile_label(obj.first)

    @admin.display(description="second profile", ordering="second__display_name")
    def second_profile(self, obj: Recommendation) -> str:
        return _profile_label(obj.second)

    @admin.display(description="rules")
    def rule_list(self, obj: Recommendation) -> str:
        return ", ".join(obj.rules)

    @admin.display(description="decided by")
    def decided_by(self, obj: Recommendation) -> str:
        return f"{obj.decided_by_kind} {obj.decided_by_name}" if obj.decided_by_kind else ""

    @admin.display(description="evidence")
    def evidence_table(self, obj: Recommendation) -> SafeString:
        """Each finding: the rule, the two values it compared, its score, conclusive or not."""
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    e.get("rule", ""),
                    e.get("first", ""),
                    e.get("second", ""),
                    e.get("score", ""),
                    "yes" if e.get("conclusive") else "no",
                )
                for e in obj.evidence
            ),
        )
        return format_html(
            "<table><thead><tr><th>rule</th><th>first</th><th>second</th><th>score</th>"
            "<th>conclusive</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def _reviewer(self, using: str) -> Reviewer:
        uow = DjangoUnitOfWork(using)
        return Reviewer(uow, DjangoRecommendationStore(using), identity_hub(uow=uow))

    @admin.action(description="Accept the selected recommendations")
    def accept(self, request: HttpRequest, queryset: QuerySet[Recommendation]) -> None:
        """``Reviewer.accept`` of each selected, best first, as the signed-in user."""
        review = self._reviewer(queryset.db)
        done = {
            "merge": "identities merged",
            "link": "profile linked",
            "create": "identity created",
            "none": "already one identity",
        }
        for row in queryset.order_by("-score", "pk"):
            try:
                decision = review.accept(
                    row.pk, _actor(request), f"recommendation {row.pk} {ACCEPT_REASON}"
                )
            except (ReviewError, IdentityError) as error:
                self.message_user(
                    request,
                    f"Recommendation {row.pk} not accepted: {first_line(error)}",
                    messages.ERROR,
                )
                continue
            self.message_user(
                request,
                f"Recommendation {row.pk} accepted ({done[decision.operation]}): both"
                f" profiles are identity {decision.identity.identity_id}.",
                messages.SUCCESS,
            )

    @admin.action(description="Dismiss the selected recommendations")
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Recommendation]) -> None:
        """``Reviewer.dismiss`` of each selected, as the signed-in user: never proposed again."""
        review = self._reviewer(queryset.db)
        for row in queryset.order_by("-score", "pk"):
            try:
                review.dismiss(row.pk, _actor(request), DISMISS_REASON)
            except ReviewError as error:
                self.message_user(
                    request,
                    f"Recommendation {row.pk} not dismissed: {first_line(error)}",
                    messages.ERROR,
                )
                continue
            self.message_user(request, f"Recommendation {row.pk} dismissed.", messages.SUCCESS)
