from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "passend.advice"
    label = "advice"
    verbose_name = "Advies"
