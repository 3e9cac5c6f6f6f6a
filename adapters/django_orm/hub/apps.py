from django.apps import AppConfig


class HubConfig(AppConfig):
    """The identity hub: profiles of every kind, their emails, and the persons they belong to."""

    name = "adapters.django_orm.hub"
    label = "hub"
    verbose_name = "Identity hub"
