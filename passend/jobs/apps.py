from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "passend.jobs"
    verbose_name = "Achtergrondtaken"
