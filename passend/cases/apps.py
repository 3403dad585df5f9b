from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "passend.cases"
    label = "cases"
    verbose_name = "Casussen"
