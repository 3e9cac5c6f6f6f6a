"""Model fields the trackers' apps share: a soft reference to a hub profile, a reference to
another tracker's repository, and a tuple of words in one text column.

``ProfileRefField(GitHubAccountRef)`` is a plain integer column, ``<name>_profile_id``, with no
relation to the hub: the app migrates, runs and deletes with only itself installed, and
removing a profile removes no record. The attribute ``<name>`` reads back the typed ref and
takes one; the column refuses ids below 1, as a ref does. A field that may hold profiles of
several kinds (a commit's author: a git identity or a GitHub account) names the kind column
beside it, ``kind_field``, which the ref sets and reads.
"""

from typing import Any

from django.core import checks
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from core.protocols.refs import GitHubRepositoryRef, ProfileKind, ProfileRef, ref_of
from core.protocols.trackers import RecordType


class _RefDescriptor:
    """``row.<name>``: the typed ref of the id (and kind) the row holds, or None."""

    def __init__(self, field: "ProfileRefField") -> None:
        self.field = field

    def __get__(self, instance: models.Model | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        profile_id = getattr(instance, self.field.attname)
        if profile_id is None:
            return None
        return ref_of(self.field.kind_of(instance), profile_id)

    def __set__(self, instance: models.Model, ref: ProfileRef | None) -> None:
        field = self.field
        if ref is not None and not isinstance(ref, field.ref_types):
            raise TypeError(f"{field.model.__name__}.{field.name} takes no {type(ref).__name__}")
        setattr(instance, field.attname, None if ref is None else ref.profile_id)
        if field.kind_field:
            setattr(instance, field.kind_field, "" if ref is None else ref.kind.value)


class ProfileRefField(models.BigIntegerField[Any, Any]):
    """A soft reference to a hub profile of one of ``ref_types``."""

    description = "A soft reference to a hub profile"
    # What the coupling inventory reports it refers to: a soft reference names its target
    # with this attribute (any project's field may, to be reported as one).
    references = "hub.Profile"

    def __init__(self, *ref_types: type[ProfileRef], kind_field: str = "", **kwargs: Any) -> None:
        if not ref_types:
            raise TypeError("ProfileRefField needs the ref types it holds")
        self.ref_types = ref_types
        self.kind_field = kind_field
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("help_text", "Soft reference to a hub profile.")
        super().__init__(**kwargs)

    def kind_of(self, instance: models.Model) -> ProfileKind:
        if self.kind_field:
            return ProfileKind(getattr(instance, self.kind_field))
        return self.ref_types[0].kind

    def get_attname(self) -> str:
        return f"{self.name}_profile_id"

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only)
        setattr(cls, name, _RefDescriptor(self))

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, ProfileRef):
            value = value.profile_id
        return super().get_prep_value(value)

    def db_check(self, connection: BaseDatabaseWrapper) -> str:
        return f"{connection.ops.quote_name(self.column or self.get_attname())} >= 1"

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.kind_field:
            kwargs["kind_field"] = self.kind_field
        if kwargs.get("db_index") is True:
            del kwargs["db_index"]
        if kwargs.get("help_text") == "Soft reference to a hub profile.":
            del kwargs["help_text"]
        return name, path, [*self.ref_types, *args], kwargs

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if len(self.ref_types) > 1 and not self.kind_field:
            errors.append(
                checks.Error(
                    "a field holding profiles of several kinds needs a kind_field",
                    obj=self,
                    id="trackerhub.E001",
                )
            )
        if self.kind_field:
            try:
                self.model._meta.get_field(self.kind_field)
            except Exception:
                errors.append(
                    checks.Error(
                        f"kind_field {self.kind_field!r} is no field of the model",
                        obj=self,
                        id="trackerhub.E002",
                    )
                )
        return errors


def natural_key(record_type: RecordType[Any, Any], name: str) -> models.UniqueConstraint:
    """The unique constraint on a record type's natural key, the fields it declares: what a
    store upserts by (``ON CONFLICT``)."""
    return models.UniqueConstraint(fields=list(record_type.key), name=name)


def kind_choices(*ref_types: type[ProfileRef]) -> list[tuple[str, str]]:
    return [(ref_type.kind.value, ref_type.kind.name) for ref_type in ref_types]


def kind_matches_ref(
    table: str, field: str, ref_types: tuple[type[ProfileRef], ...]
) -> models.CheckConstraint:
    """The constraint of a several-kind ref: no profile and no kind, or a profile and one of
    the kinds the field holds."""
    kinds = [ref_type.kind.value for ref_type in ref_types]
    column = f"{field}_profile_id"
    return models.CheckConstraint(
        condition=models.Q(**{f"{column}__isnull": True, f"{field}_kind": ""})
        | models.Q(**{f"{column}__isnull": False, f"{field}_kind__in": kinds}),
        name=f"{table}_{field}_kind_valid",
    )


class WordsField(models.TextField[Any, Any]):
    """A tuple of words (a commit's parents) in one text column, space-separated."""

    description = "A tuple of words without spaces"

    def from_db_value(
        self, value: str | None, expression: object, connection: object
    ) -> tuple[str, ...]:
        return () if not value else tuple(value.split())

    def to_python(self, value: Any) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        return () if not value else tuple(str(value).split())

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, (tuple, list)):
            return " ".join(value)
        return value  # already the column's text, or None


class GitHubRepositoryRefField(models.CharField[Any, Any]):
    """A ``GitHubRepositoryRef``: the GitHub tracker's repository key in a text column of this
    app, with no relation to the GitHub app's table, which need not even be installed."""

    description = "A reference to a repository of the GitHub tracker"
    references = "github.Repository"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(
        self, value: str | None, expression: object, connection: object
    ) -> GitHubRepositoryRef | None:
        return GitHubRepositoryRef(value) if value else None

    def to_python(self, value: Any) -> GitHubRepositoryRef | None:
        if value is None or isinstance(value, GitHubRepositoryRef):
            return value
        return GitHubRepositoryRef(str(value)) if value else None

    def get_prep_value(self, value: Any) -> Any:
        # Not through CharField's, whose to_python would read "" back as None (NULL).
        if isinstance(value, GitHubRepositoryRef):
            return value.key
        return "" if value is None else GitHubRepositoryRef(str(value)).key if value else ""

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        for option, default in (("max_length", 300), ("db_index", True), ("blank", True)):
            if kwargs.get(option) == default:
                del kwargs[option]
        return name, path, args, kwargs
