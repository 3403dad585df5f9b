"""An API field for a code of a region's code list (the API twin of CodeItemQuerySet.offered)."""

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class RegionCodeField(serializers.SlugRelatedField):
    """A code from the list of the region `region_of(root serializer)` returns. New choices
    must be active; what `keep_of(root)` returns (the record's current items) stays valid."""

    default_error_messages = {
        "does_not_exist": _("Onbekende code: {value}."),
        "invalid": _("Geef een code als tekst."),
    }

    def __init__(self, model, *, region_of, keep_of=None, **kwargs):
        self.model = model
        self.region_of = region_of
        self.keep_of = keep_of or (lambda root: ())
        kwargs.setdefault("slug_field", "code")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", model.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        region = self.region_of(self.root)
        if region is None:
            return self.model.objects.none()
        return self.model.objects.offered(region, keep=self.keep_of(self.root))

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        region = self.region_of(self.root)
        # The region's own item first (a kept item of another region may share the code).
        item = (
            self.get_queryset()
            .filter(code=data)
            .order_by(
                Case(
                    When(region=region, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .first()
        )
        if item is None:
            self.fail("does_not_exist", value=data)
        return item
