from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    name = "passend.socialmap"
    label = "socialmap"
    verbose_name = "Sociale kaart"
