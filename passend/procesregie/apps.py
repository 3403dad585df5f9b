from django.apps import AppConfig


class ProcesregieConfig(AppConfig):
    name = "passend.procesregie"
    label = "procesregie"
    verbose_name = "Procesregie"
