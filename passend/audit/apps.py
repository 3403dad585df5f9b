from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "passend.audit"
    label = "audit"
