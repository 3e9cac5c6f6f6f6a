"""The recommendation store on the Django ORM: the hub's ``Recommendation``,
``RecommendationKey`` and ``RecommendationRun`` tables, in the database of one alias, inside
whatever transaction the unit of work holds there.

The watermark is the highest profile id and the start time of the last run: a profile is
changed when it is newer, or its row or one of its addresses was written since (every hub
write stamps ``updated_at``). An address removed leaves no stamp; ``--full`` catches it.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from adapters.django_orm.hub.models import (
    Email,
    ExclusionTerm,
    Profile,
    RecommendationKey,
    RecommendationRun,
)
from adapters.django_orm.hub.models import Recommendation as RecommendationRow
from adapters.django_orm.hub.repository import profile_record
from adapters.django_orm.unit_of_work import INSERT_BATCH, UPDATE_BATCH, chunks
from core.identity.reviewing import Term, TermKind
from core.protocols.audit import Actor, ActorKind
from core.protocols.recommendation_store import (
    IndexKey,
    Status,
    StoredRecommendation,
    Watermark,
)
from core.protocols.recommendations import Evidence, ProfilePair, Recommendation, Rule
from core.protocols.records import EmailRecord, ProfileSnapshot
from core.protocols.refs import ProfileKind, ProfileRef, ref_of


def evidence_json(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [
        {
            "rule": e.rule.value,
            "first": e.first,
            "second": e.second,
            "score": e.score,
            "conclusive": e.conclusive,
        }
        for e in evidence
    ]


def _stored(row: RecommendationRow) -> StoredRecommendation:
    evidence = tuple(
        Evidence(Rule(e["rule"]), e["first"], e["second"], float(e["score"]), e["conclusive"])
        for e in row.evidence
    )
    pair = ProfilePair(
        ref_of(ProfileKind(row.first_kind), row.first_id),
        ref_of(ProfileKind(row.second_kind), row.second_id),
    )
    decided_by = (
        Actor(ActorKind(row.decided_by_kind), row.decided_by_name) if row.decided_by_kind else None
    )
    return StoredRecommendation(
        id=row.pk,
        recommendation=Recommendation(pair, row.score, evidence, row.conclusive),
        status=Status(row.status),
        decided_at=row.decided_at,
        decided_by=decided_by,
        reason=row.reason,
    )


def _fields(recommendation: Recommendation) -> dict[str, Any]:
    return {
        "score": recommendation.score,
        "conclusive": recommendation.conclusive,
        "rules": sorted({e.rule.value for e in recommendation.evidence}),
        "evidence": evidence_json(recommendation.evidence),
    }


class DjangoRecommendationStore:
    """Implements core.protocols.recommendation_store.RecommendationStore, and
    core.identity.reviewing.ExclusionTerms on the hub's ``ExclusionTerm`` table."""

    def __init__(self, using: str = "default") -> None:
        self.using = using

    def _rows(self) -> QuerySet[RecommendationRow]:
        return RecommendationRow.objects.using(self.using)

    def _snapshots(self, profiles: QuerySet[Profile]) -> list[ProfileSnapshot]:
        records = [profile_record(row) for row in profiles.order_by("pk")]
        by_profile: dict[int, list[EmailRecord]] = {}
        for chunk in chunks([r.id for r in records]):
            for email in Email.objects.using(self.using).filter(profile_id__in=chunk):
                by_profile.setdefault(email.profile_id, []).append(
                    EmailRecord(email.profile_id, email.address, email.is_primary, email.is_active)
                )
        return [
            ProfileSnapshot(
                record,
                tuple(
                    sorted(
                        by_profile.get(record.id, ()), key=lambda e: (not e.is_primary, e.address)
                    )
                ),
            )
            for record in records
        ]

    def _watermark(self) -> Watermark:
        row = RecommendationRun.objects.using(self.using).order_by("pk").first()
        return Watermark() if row is None else Watermark(row.profile_id, row.changed_at)

    def changed_profiles(self) -> tuple[list[ProfileSnapshot], Watermark]:
        started = timezone.now()
        mark = self._watermark()
        profiles = Profile.objects.using(self.using)
        top = profiles.aggregate(top=Max("pk"))["top"] or 0
        if mark.changed_at is None:
            changed = profiles.all()
        else:
            touched = Email.objects.using(self.using).filter(updated_at__gte=mark.changed_at)
            changed = profiles.filter(
                Q(pk__gt=mark.profile_id)
                | Q(updated_at__gte=mark.changed_at)
                | Q(pk__in=touched.values("profile_id"))
            )
        return self._snapshots(changed), Watermark(top, started)

    def set_watermark(self, watermark: Watermark) -> None:
        runs = RecommendationRun.objects.using(self.using)
        now = timezone.now()
        updated = runs.update(
            profile_id=watermark.profile_id, changed_at=watermark.changed_at, at=now
        )
        if not updated:
            runs.create(profile_id=watermark.profile_id, changed_at=watermark.changed_at, at=now)

    def reset(self) -> None:
        RecommendationRun.objects.using(self.using).all().delete()
        RecommendationKey.objects.using(self.using).all().delete()

    def index(self, keys: Mapping[ProfileRef, Collection[IndexKey]]) -> None:
        table = RecommendationKey.objects.using(self.using)
        for chunk in chunks([ref.profile_id for ref in keys]):
            table.filter(profile_id__in=chunk).delete()
        rows = [
            RecommendationKey(profile_id=ref.profile_id, block=str(block), value=value)
            for ref, profile_keys in keys.items()
            for block, value in sorted(set(profile_keys))
        ]
        table.bulk_create(rows, batch_size=INSERT_BATCH)

    def profiles_with(self, keys: Collection[IndexKey]) -> list[ProfileSnapshot]:
        by_block: dict[str, set[str]] = {}
        for block, value in keys:
            by_block.setdefault(str(block), set()).add(value)
        if not by_block:
            return []
        ids: set[int] = set()
        table = RecommendationKey.objects.using(self.using)
        for block, values in by_block.items():
            for some in chunks(values):
                ids.update(
                    table.filter(block=block, value__in=some).values_list("profile_id", flat=True)
                )
        found: list[ProfileSnapshot] = []
        for chunk in chunks(ids):
            found.extend(self._snapshots(Profile.objects.using(self.using).filter(pk__in=chunk)))
        return found

    def _pairs(self, pairs: Collection[ProfilePair]) -> QuerySet[RecommendationRow]:
        condition = reduce(
            or_,
            (
                Q(first_id=first, second_id__in=seconds)
                for first, seconds in _grouped(pairs).items()
            ),
        )
        return self._rows().filter(condition)

    def decided_among(self, pairs: Collection[ProfilePair]) -> frozenset[ProfilePair]:
        decided: set[ProfilePair] = set()
        for chunk in chunks(pairs):
            decided.update(
                _stored(row).pair for row in self._pairs(chunk).exclude(status=Status.OPEN.value)
            )
        return frozenset(decided)

    def open_involving(self, refs: Collection[ProfileRef]) -> list[StoredRecommendation]:
        found: dict[int, StoredRecommendation] = {}
        for chunk in chunks({ref.profile_id for ref in refs}):
            rows = self._rows().filter(
                Q(first_id__in=chunk) | Q(second_id__in=chunk), status=Status.OPEN.value
            )
            found.update((row.pk, _stored(row)) for row in rows)
        return [found[i] for i in sorted(found)]

    def save_open(self, recommendations: Sequence[Recommendation], at: datetime) -> None:
        existing: dict[ProfilePair, RecommendationRow] = {}
        for chunk in chunks([r.pair for r in recommendations]):
            existing.update((_stored(row).pair, row) for row in self._pairs(chunk))
        new: list[RecommendationRow] = []
        changed: list[RecommendationRow] = []
        for recommendation in recommendations:
            pair = recommendation.pair
            row = existing.get(pair)
            if row is None:
                new.append(
                    RecommendationRow(
                        first_id=pair.first.profile_id,
                        first_kind=pair.first.kind.value,
                        second_id=pair.second.profile_id,
                        second_kind=pair.second.kind.value,
                        created_at=at,
                        updated_at=at,
                        **_fields(recommendation),
                    )
                )
            elif row.status == Status.OPEN.value and _stored(row).recommendation != recommendation:
                for name, value in _fields(recommendation).items():
                    setattr(row, name, value)
                row.updated_at = at
                changed.append(row)
        self._rows().bulk_create(new, batch_size=INSERT_BATCH)
        fields = ["score", "conclusive", "rules", "evidence", "updated_at"]
        self._rows().bulk_update(changed, fields, batch_size=UPDATE_BATCH)

    def remove_open(self, pairs: Iterable[ProfilePair]) -> None:
        for chunk in chunks(list(pairs)):
            self._pairs(chunk).filter(status=Status.OPEN.value).delete()

    def by_id(self, ids: Collection[int]) -> list[StoredRecommendation]:
        found: list[StoredRecommendation] = []
        for chunk in chunks(set(ids)):
            found.extend(_stored(row) for row in self._rows().filter(pk__in=chunk))
        return sorted(found, key=lambda s: s.id)

    def among(self, pairs: Collection[ProfilePair]) -> list[StoredRecommendation]:
        found: list[StoredRecommendation] = []
        for chunk in chunks(list(set(pairs))):
            found.extend(_stored(row) for row in self._pairs(chunk))
        return sorted(found, key=lambda s: s.id)

    def listing(
        self, limit: int | None = None, *, decided: bool = False
    ) -> list[StoredRecommendation]:
        rows = self._rows() if decided else self._rows().filter(status=Status.OPEN.value)
        rows = rows.order_by("-score", "pk")
        return [_stored(row) for row in (rows if limit is None else rows[:limit])]

    def decide(self, id: int, status: Status, actor: Actor, reason: str, at: datetime) -> None:
        self._rows().filter(pk=id).update(
            status=status.value,
            decided_at=at,
            decided_by_kind=actor.kind.value,
            decided_by_name=actor.name,
            reason=reason,
            updated_at=at,
        )

    def count_open(self) -> int:
        return self._rows().filter(status=Status.OPEN.value).count()

    def exclusion_terms(self) -> list[Term]:
        rows = ExclusionTerm.objects.using(self.using).order_by("kind", "term")
        return [(TermKind(kind), term) for kind, term in rows.values_list("kind", "term")]

    def add_exclusion_terms(self, terms: Collection[Term], actor: Actor, at: datetime) -> None:
        ExclusionTerm.objects.using(self.using).bulk_create(
            [
                ExclusionTerm(
                    kind=kind.value,
                    term=term,
                    added_at=at,
                    added_by_kind=actor.kind.value,
                    added_by_name=actor.name,
                )
                for kind, term in terms
            ],
            ignore_conflicts=True,
        )

    def remove_exclusion_terms(self, terms: Collection[Term]) -> None:
        if not terms:
            return
        condition = reduce(or_, (Q(kind=kind.value, term=term) for kind, term in terms))
        ExclusionTerm.objects.using(self.using).filter(condition).delete()


def _grouped(pairs: Iterable[ProfilePair]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for pair in pairs:
        groups.setdefault(pair.first.profile_id, []).append(pair.second.profile_id)
    return groups


def count_open(using: str = "default") -> int:
    """The number of open recommendations: what ``trackerhub stats`` reports."""
    return DjangoRecommendationStore(using).count_open()
