from django.apps import AppConfig


class GitHubConfig(AppConfig):
    """GitHub activity. People are soft references to hub profiles; repositories are named by
    their key, not joined, so each table stores on its own."""

    name = "adapters.django_orm.github"
    label = "github"
    verbose_name = "GitHub"
