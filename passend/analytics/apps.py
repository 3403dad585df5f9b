from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "passend.analytics"
    label = "analytics"
    verbose_name = "Analytics record"
