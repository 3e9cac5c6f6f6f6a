"""No model of trackerhub's apps relates to a model of another app: every app migrates, runs and
is deleted alone, and deleting a row in one app deletes nothing in another."""

from django.apps import apps
from django.db import models


def ours() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("adapters.django_orm.")
        for model in config.get_models(include_auto_created=True)
    ]


def test_given_the_installed_apps_then_no_relation_crosses_an_app_boundary() -> None:
    crossing = [
        f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
        for model in ours()
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation
        and isinstance(field.related_model, type)
        and field.related_model._meta.app_label != model._meta.app_label
    ]

    assert crossing == []


def test_given_the_installed_apps_then_no_model_inherits_a_table_of_another_app() -> None:
    inherited = [
        f"{model._meta.label} <- {parent._meta.label}"
        for model in ours()
        for parent in model._meta.get_parent_list()
        if parent._meta.app_label != model._meta.app_label
    ]

    assert inherited == []


def test_given_the_installed_apps_then_the_boundary_test_sees_every_tracker_app() -> None:
    labels = {model._meta.app_label for model in ours()}

    assert {"hub", "github", "mailing_lists", "slack", "wg21"} <= labels
