from django.apps import AppConfig


class MainConfig(AppConfig):
    """The project's own commands (collect, stats, demo) and its composition root."""

    name = "adapters.django_orm.main"
    label = "trackerhub"
    verbose_name = "trackerhub"
