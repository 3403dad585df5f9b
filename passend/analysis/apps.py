from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "passend.analysis"
    label = "analysis"
    verbose_name = "Analyse"
