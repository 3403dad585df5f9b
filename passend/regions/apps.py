from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "passend.regions"
    label = "regions"
