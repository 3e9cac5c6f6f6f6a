from django.apps import AppConfig


class LibrariesConfig(AppConfig):
    name = "tests.legacy.libraries"
    label = "libraries"
    default_auto_field = "django.db.models.BigAutoField"
