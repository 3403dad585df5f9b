"""Form conventions shared by every module.

Every visible field is rendered by the ``{% field %}`` tag (``core/templatetags/passend.py``,
``templates/includes/field.html``); what a field looks like is decided here, once:

- ``size_class``: how wide its input is, after the kind of value (a number, date, postcode,
  phone number, e-mail address or free text), never wider than ``--utrecht-form-max-inline-size``;
- ``offer_choice_prompt``: a select's empty choice reads "Kies …", not Django's "---------";
- ``conditionally_required``: a form names the fields whose hint says when they are required
  ("Verplicht bij …"); their label then does not say "(niet verplicht)".
"""

from django import forms
from django.utils.translation import gettext_lazy as _

# Django's empty choice of a select (ModelChoiceField.empty_label, models.BLANK_CHOICE_DASH).
DJANGO_BLANK_LABEL = "---------"
CHOICE_PROMPT = _("Kies …")

# Input widths: (class, the longest value it is made for). The class sets Utrecht's
# --utrecht-textbox-value-max-length; without one a text input fills the form's width.
SIZES = (("passend-textbox--xs", 4), ("passend-textbox--s", 10), ("passend-textbox--m", 30))
EMAIL_SIZE = "passend-textbox--l"


class DateInput(forms.DateInput):
    """A native date picker. The browser only accepts ISO values (yyyy-mm-dd), whatever the
    language: Django's localised format (dd-mm-jjjj in Dutch) would leave the field empty."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)


def _fits(length: int | None) -> str:
    if length is None:
        return ""
    return next((css for css, longest in SIZES if length <= longest), "")


def size_class(field: forms.Field) -> str:
    """The width class of a single-line input: short for numbers, dates and codes, medium
    for phone numbers, long for e-mail addresses, the form's width for free text."""
    widget = field.widget
    input_type = widget.attrs.get("type") or getattr(widget, "input_type", "")
    if input_type in ("date", "time"):
        return "passend-textbox--s"
    if input_type == "number":
        largest = getattr(field, "max_value", None)
        digits = len(str(abs(int(largest)))) if largest is not None else 10
        return _fits(digits) or "passend-textbox--s"
    if input_type == "email":
        return EMAIL_SIZE
    if input_type == "tel":
        return "passend-textbox--m"
    if input_type in ("text", "password", "search"):
        return _fits(getattr(field, "max_length", None))
    return ""


def offer_choice_prompt(field: forms.Field) -> None:
    """Let the empty choice of a select say "Kies …" where Django would show "---------".
    Empty choices a form names itself ("alle", "nog niet gekozen") are kept."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK_LABEL:
            field.empty_label = CHOICE_PROMPT
        return
    if isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if any(value == "" and label == DJANGO_BLANK_LABEL for value, label in choices):
            field.choices = [
                (value, CHOICE_PROMPT if value == "" and label == DJANGO_BLANK_LABEL else label)
                for value, label in choices
            ]


def is_conditionally_required(bound_field) -> bool:
    """Whether the form says this optional field is required in some cases (its hint tells
    which): a form lists such fields in ``conditionally_required``."""
    return bound_field.name in getattr(bound_field.form, "conditionally_required", ())
