from django.apps import AppConfig


class MailingListsConfig(AppConfig):
    """Mailing-list messages. Senders are soft references to hub profiles."""

    name = "adapters.django_orm.mailing_lists"
    label = "mailing_lists"
    verbose_name = "Mailing lists"
