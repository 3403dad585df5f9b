from django.apps import AppConfig
from django.db.models.signals import post_save


def _seed_code_lists(sender, instance, created, raw=False, **kwargs):
    """A new region starts with the standard code lists (Dutch and English labels); its
    beheerder adapts them in the app. Not for fixtures loaded raw (they bring their own)."""
    if created and not raw:
        from django.apps import apps

        from .codelists.defaults import seed_region

        seed_region(apps, instance.pk)


class RegionsConfig(AppConfig):
    name = "passend.regions"
    label = "regions"

    def ready(self):
        post_save.connect(
            _seed_code_lists, sender=self.get_model("Region"), dispatch_uid="seed_code_lists"
        )
