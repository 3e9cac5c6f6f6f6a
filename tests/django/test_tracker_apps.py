"""Trackers register themselves: each tracker's app is named after its package, labelled after
its tracker, and checked by ``trackerhub check`` for a model per record type and for samples
that are there."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from adapters.django_orm.trackers import TrackerAppConfig, tracker_apps

TRACKERS = {
    "github",
    "mailing_lists",
    "slack",
    "discord",
    "wg21",
    "youtube",
    "reddit",
    "boost_libraries",
    "boost_usage",
}


def test_every_tracker_app_is_labelled_after_its_tracker_and_named_after_its_package() -> None:
    configs = list(tracker_apps())

    assert {config.label for config in configs} == TRACKERS
    for config in configs:
        assert config.label == config.tracker.name
        assert config.name == f"adapters.django_orm.{config.label}"


@pytest.mark.django_db  # a JSON field's check asks the database whether it supports JSON
def test_the_installed_trackers_pass_the_system_checks() -> None:
    call_command("check", fail_level="WARNING")


def test_every_tracker_bundles_a_sample_of_each_of_its_sources_for_the_demo(
    tmp_path: Path,
) -> None:
    for config in tracker_apps():
        names = {source.name for source, _ in config.samples(tmp_path)}
        assert names == {source.name for source in config.tracker.sources}, config.label


def test_a_sample_of_no_source_or_a_missing_sample_file_fails_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given the WG21 app, with a sample for a source it lacks and one that is not there
    config = apps.get_app_config("wg21")
    assert isinstance(config, TrackerAppConfig)
    monkeypatch.setattr(config, "sample_paths", {"wg21-nothing": ("gone.json",)})

    # then the check names both
    messages = [(error.id, error.msg) for error in config.check_stores()]
    assert messages[0] == ("trackerhub.E012", "no source 'wg21-nothing' has samples")
    assert messages[1][0] == "trackerhub.E012"
    assert messages[1][1].startswith("no sample at ")
    assert messages[1][1].endswith("gone.json")


def test_a_record_type_no_model_stores_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    config = apps.get_app_config("reddit")
    assert isinstance(config, TrackerAppConfig)
    monkeypatch.setattr(config, "stores", dict)

    messages = [(error.id, error.msg) for error in config.check_stores()]

    assert ("trackerhub.E010", "no model stores reddit.comment") in messages
