"""Page-level template tags of the base template."""

from django import forms, template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()


def _has_errors(value) -> bool:
    if isinstance(value, forms.BaseForm | forms.BaseFormSet):
        if isinstance(value, forms.BaseForm):
            return value.is_bound and bool(value.errors)
        return value.is_bound and value.total_error_count() > 0
    return False


def form_has_errors(context) -> bool:
    """A page shows a failed submit when the view says so (``form_has_errors`` in the
    context) or when any bound form or formset in the context, also inside a list or tuple
    (``forms``), has errors. Views need no convention beyond putting their forms in the
    context, which every form view already does."""
    flat = context.flatten()
    if flat.get("form_has_errors"):
        return True
    for value in flat.values():
        if isinstance(value, list | tuple):
            if any(_has_errors(item) for item in value):
                return True
        elif _has_errors(value):
            return True
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """ "Fout: " at the start of the page title after a failed submit (WCAG 3.3.1)."""
    return _("Fout:") + " " if form_has_errors(context) else ""


@register.inclusion_tag("includes/demo_label.html")
def demo_label() -> dict:
    """The "demo" label at the top of every page in the demo profile (settings/demo.py). Reads
    the setting, not the request: the 500 page renders without a request context."""
    return {"demo": settings.PASSEND_DEMO_LABEL}
