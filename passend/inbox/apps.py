from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "passend.inbox"
    label = "inbox"
    verbose_name = "Werkvoorraad"
