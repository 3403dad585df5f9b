from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "passend.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"
