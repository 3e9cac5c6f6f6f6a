"""The hub's tables. Profiles of every kind share one table keyed by (kind, natural key);
no other app holds a relation to any of them, only a typed soft reference."""

from django.db import models

from core.protocols.refs import ProfileKind


class Identity(models.Model):
    """A person, to whom profiles of any kind may be linked."""

    display_name = models.CharField(max_length=255, blank=True, db_index=True)
    description = models.TextField(blank=True)
    # Automatic jobs leave a locked identity alone; users may still change it.
    is_locked = models.BooleanField(default=False)
    # A merge retires the identities it folds: kept, pointing at the one they went into.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="absorbed"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "identities"

    def __str__(self) -> str:
        return self.display_name or f"identity {self.pk}"


class Profile(models.Model):
    """One account or appearance of a person on one platform."""

    kind = models.CharField(max_length=20, choices=[(k.value, k.name) for k in ProfileKind])
    key = models.CharField(max_length=600, help_text="The natural key, unique within the kind.")
    display_name = models.CharField(max_length=255, blank=True)
    username = models.CharField(max_length=255, blank=True)
    # Casefolded username, so that GitHub logins and Reddit names match in any case.
    username_key = models.CharField(max_length=255, blank=True, editable=False)
    external_id = models.CharField(max_length=255, blank=True)
    avatar_url = models.CharField(max_length=1000, blank=True)
    account_type = models.CharField(max_length=20, blank=True)
    is_bot = models.BooleanField(default=False)
    # A person may disappear; their profiles stay, unlinked.
    identity = models.ForeignKey(
        Identity, null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="hub_profile_kind_key_unique"),
        ]
        indexes = [
            models.Index(fields=["kind", "username_key"], name="hub_profile_username_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.display_name or self.username or self.key}"


class Email(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="emails")
    address = models.CharField(max_length=254)
    is_primary = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "address"], name="hub_email_profile_address_unique"
            ),
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(is_primary=True),
                name="hub_email_one_primary_per_profile",
            ),
        ]
        indexes = [models.Index(fields=["address"], name="hub_email_address_idx")]

    def __str__(self) -> str:
        return self.address


class Merge(models.Model):
    """A merge operation, with exactly what it changed, so that unmerge can undo it.

    ``others`` lists the folded identities' ids in order; ``moves`` each moved profile as
    ``[kind, profile id, identity id it came from]``; ``changes`` each filled field of ``into``
    as ``[field, before, after]``."""

    into = models.ForeignKey(Identity, on_delete=models.PROTECT, related_name="merges")
    others = models.JSONField(default=list)
    moves = models.JSONField(default=list)
    changes = models.JSONField(default=list)
    actor_kind = models.CharField(max_length=10)
    actor_name = models.CharField(max_length=255)
    reason = models.TextField(blank=True)
    evidence = models.JSONField(default=list)
    at = models.DateTimeField()
    unmerged_at = models.DateTimeField(null=True, blank=True)
    unmerged_by_kind = models.CharField(max_length=10, blank=True)
    unmerged_by_name = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"merge {self.pk} into identity {self.into_id}"


class AuditEntry(models.Model):
    """One write of the hub's editorial use cases: by whom, why, on what evidence."""

    operation = models.CharField(max_length=30)
    actor_kind = models.CharField(max_length=10)
    actor_name = models.CharField(max_length=255)
    reason = models.TextField(blank=True)
    evidence = models.JSONField(default=list)
    at = models.DateTimeField()
    # Subjects: identity ids, and profiles as [kind, id]; AuditSubject indexes the identities.
    identities = models.JSONField(default=list)
    profiles = models.JSONField(default=list)
    merge = models.ForeignKey(
        Merge, null=True, blank=True, on_delete=models.PROTECT, related_name="audit"
    )

    class Meta:
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.operation} by {self.actor_kind} {self.actor_name}"


class AuditSubject(models.Model):
    """An identity an audit entry is about, so that one identity's history is one query."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.CASCADE, related_name="subjects")
    identity_id = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["identity_id", "entry"], name="hub_audit_identity_idx")]

    def __str__(self) -> str:
        return f"identity {self.identity_id} in audit entry {self.entry_id}"


class Recommendation(models.Model):
    """A proposal that two profiles are one person: one row per unordered pair, ever.

    Open until someone accepts or dismisses it; a decided row stays, so that no later run
    opens its pair again. ``evidence`` lists each finding as ``{rule, first, second, score,
    conclusive}``; ``rules`` the rules, for filtering."""

    first = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    first_kind = models.CharField(max_length=20)
    second = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    second_kind = models.CharField(max_length=20)
    score = models.FloatField()
    conclusive = models.BooleanField(default=False)
    rules = models.JSONField(default=list)
    evidence = models.JSONField(default=list)
    status = models.CharField(max_length=10, default="open")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_kind = models.CharField(max_length=10, blank=True)
    decided_by_name = models.CharField(max_length=255, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second"], name="hub_recommendation_pair_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="hub_recommendation_pair_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["second"], name="hub_recommendation_second_idx"),
            models.Index(fields=["status", "score"], name="hub_recommendation_status_idx"),
        ]

    def __str__(self) -> str:
        return f"recommendation {self.pk}: {self.first_id} and {self.second_id}"


class RecommendationKey(models.Model):
    """A blocking key of a profile (core.identity.recommending.blocking_keys), so that an
    incremental run finds the profiles that share a key with the changed ones in one query."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    block = models.CharField(max_length=20)
    value = models.CharField(max_length=600)

    class Meta:
        indexes = [models.Index(fields=["block", "value"], name="hub_reckey_block_value_idx")]
        constraints = [
            models.UniqueConstraint(fields=["profile", "block", "value"], name="hub_reckey_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.block} {self.value} of profile {self.profile_id}"


class RecommendationRun(models.Model):
    """The watermark of recommendation runs: one row, the profiles seen so far."""

    profile_id = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"recommendations run up to profile {self.profile_id}"


class ExclusionTerm(models.Model):
    """A value the user excludes from recommendation evidence, on top of the built-in
    exclusions (core.identity.recommending.DEFAULT_EXCLUSIONS): ``kind`` is one of
    core.identity.reviewing.TermKind, ``term`` the value normalised as the rules compare it."""

    kind = models.CharField(max_length=20)
    term = models.CharField(max_length=600)
    added_at = models.DateTimeField()
    added_by_kind = models.CharField(max_length=10, blank=True)
    added_by_name = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "term"], name="hub_exclusion_term_unique"),
        ]

    def __str__(self) -> str:
        return f"excluded {self.kind} {self.term}"


class Tombstone(models.Model):
    """What is left of a profile that was folded into another or erased: a keyed hash of a
    key that could name it again (core.identity.erasure), and the profile such a claim now
    names (null: erased, it names nobody)."""

    digest = models.CharField(max_length=64, primary_key=True)
    into_profile_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"tombstone {self.digest[:12]}"


class OutboxMessage(models.Model):
    """A profile event, written in the transaction of the change it reports; trackers apply
    the messages in ``position`` order and remember the last one they applied.

    Positions come from the ``outbox_position`` setting, read for update: a writer holds it
    until it commits, so positions commit in their order and a consumer that has seen
    position n has seen every position before it."""

    position = models.BigIntegerField(unique=True)
    event = models.CharField(max_length=30)
    kind = models.CharField(max_length=20)
    profile_id = models.BigIntegerField()
    into_profile_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.event} of {self.kind} profile {self.profile_id}"


class HubSetting(models.Model):
    """A value the hub keeps for itself: the outbox's last position, the erasure key."""

    name = models.CharField(max_length=50, primary_key=True)
    value = models.TextField()

    def __str__(self) -> str:
        return self.name
