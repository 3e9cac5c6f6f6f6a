"""Trackers register themselves: each tracker's Django app is a ``TrackerAppConfig`` naming its
tracker, and its models name the record types they store. ``collect``, ``stats``, ``demo`` and
the subset-schema lane find every installed tracker here; adding one edits ``INSTALLED_APPS``
and nothing else that is shared.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from django.apps import AppConfig, apps
from django.core import checks
from django.db import models

from core.protocols.trackers import RecordType, Source, Tracker


class TrackerAppConfig(AppConfig):
    """The Django app of one tracker. ``tracker`` is its declaration; each of its models that
    stores records says which with a ``record_type`` class attribute. The app is named after
    its package and labelled after its tracker.

    ``sample_paths`` is what ``trackerhub demo`` collects: the name of each source, with the
    paths it reads, relative to the app's ``samples`` folder."""

    tracker: ClassVar[Tracker]
    sample_paths: ClassVar[dict[str, tuple[str, ...]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.name = cls.__module__.rpartition(".")[0]
        cls.label = cls.tracker.name

    def stores(self) -> dict[str, type[models.Model]]:
        """The model of each record type, by the record type's name."""
        found: dict[str, type[models.Model]] = {}
        for model in self.get_models():
            record_type = getattr(model, "record_type", None)
            if isinstance(record_type, RecordType):
                found[record_type.name] = model
        return found

    def samples(self, scratch: Path) -> list[tuple[Source, list[Path]]]:
        """What ``trackerhub demo`` collects for this tracker: each source with the bundled
        files it reads (``scratch`` is a folder for samples that must be built first)."""
        del scratch
        folder = Path(self.path) / "samples"
        sources = {source.name: source for source in self.tracker.sources}
        return [
            (sources[name], [folder / path for path in paths])
            for name, paths in self.sample_paths.items()
        ]

    def check_stores(self) -> list[checks.CheckMessage]:
        """A model for each record type of the tracker, whose fields match the record's, and
        samples that are there for sources the tracker has."""
        from adapters.django_orm.records import mapping_of

        errors: list[checks.CheckMessage] = []
        stores = self.stores()
        for record_type in self.tracker.record_types:
            model = stores.get(record_type.name)
            if model is None:
                errors.append(
                    checks.Error(
                        f"no model stores {record_type.name}", obj=self, id="trackerhub.E010"
                    )
                )
                continue
            try:
                mapping_of(model, record_type)
            except ValueError as error:
                errors.append(checks.Error(str(error), obj=model, id="trackerhub.E011"))
        folder = Path(self.path) / "samples"
        names = {source.name for source in self.tracker.sources}
        for name, paths in self.sample_paths.items():
            if name not in names:
                errors.append(
                    checks.Error(f"no source {name!r} has samples", obj=self, id="trackerhub.E012")
                )
            errors.extend(
                checks.Error(f"no sample at {folder / path}", obj=self, id="trackerhub.E012")
                for path in paths
                if not (folder / path).exists()
            )
        return errors


@checks.register(checks.Tags.models)
def check_tracker_stores(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [
        error
        for config in tracker_apps()
        if app_configs is None or config in app_configs
        for error in config.check_stores()
    ]


def tracker_apps() -> Iterator[TrackerAppConfig]:
    for config in apps.get_app_configs():
        if isinstance(config, TrackerAppConfig):
            yield config


_MODELS: dict[str, type[models.Model]] = {}


def model_for(record_type: RecordType[Any, Any]) -> type[models.Model]:
    """The installed model that stores ``record_type``."""
    if record_type.name not in _MODELS:
        for config in tracker_apps():
            _MODELS.update(config.stores())
    try:
        return _MODELS[record_type.name]
    except KeyError:
        raise LookupError(f"no installed app stores {record_type.name}") from None


def sources() -> dict[str, tuple[Tracker, Source]]:
    """Every source of every installed tracker, by name."""
    found: dict[str, tuple[Tracker, Source]] = {}
    for config in tracker_apps():
        for source in config.tracker.sources:
            found[source.name] = (config.tracker, source)
    return found


def record_types() -> Iterator[RecordType[Any, Any]]:
    for config in tracker_apps():
        yield from config.tracker.record_types
