from django import forms, template
from django.forms.boundfield import BoundWidget

from passend.core.forms import is_conditionally_required, offer_choice_prompt, size_class

register = template.Library()

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}
INVALID = {
    "utrecht-select": "utrecht-select--invalid",
    "utrecht-textarea": "utrecht-textarea--invalid",
    "utrecht-checkbox": "utrecht-checkbox--invalid",
    "utrecht-textbox": "utrecht-textbox--invalid",
}
INVALID_OPTION = {"radio": "utrecht-radio-button--invalid", "checkbox": "utrecht-checkbox--invalid"}
# A group of options: (input class, kind) for radios and for checkboxes.
RADIO = ("utrecht-radio-button utrecht-radio-button--html-input", "radio")
CHECKBOX = ("utrecht-checkbox utrecht-checkbox--html-input", "checkbox")


def _choices(bound_field, attrs: dict) -> list[BoundWidget]:
    """The options of a radio or checkbox group, each input with the given attributes (the
    bound field's own iteration would drop them)."""
    widget = bound_field.field.widget
    id_ = widget.attrs.get("id") or bound_field.auto_id
    attrs = bound_field.build_widget_attrs({"id": id_, **attrs} if id_ else attrs)
    return [
        BoundWidget(widget, option, bound_field.form.renderer)
        for option in widget.subwidgets(bound_field.html_name, bound_field.value(), attrs=attrs)
    ]


@register.inclusion_tag("includes/field.html")
def field(bound_field, hint: str = ""):
    """A labelled form field with description and error message linked for screen readers;
    radios as radios, a width that fits the value, "Kies …" as a select's empty choice."""
    widget = bound_field.field.widget
    help_text = hint or bound_field.help_text
    describedby = [f"{bound_field.auto_id}-hint"] if help_text else []
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}-error")
    # Validation is server-side (forms are novalidate). A native `required` would make the
    # theme's :invalid styling mark empty fields as errors before anyone typed; announce the
    # requirement to assistive technology instead.
    bound_field.form.use_required_attribute = False
    if widget.is_hidden:
        return {"is_hidden": True, "widget_html": bound_field.as_widget()}
    context = {
        "field": bound_field,
        "help_text": help_text,
        "describedby": " ".join(describedby),
        "optional": not bound_field.field.required and not is_conditionally_required(bound_field),
    }
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too
        css, kind = CHECKBOX if isinstance(widget, forms.CheckboxSelectMultiple) else RADIO
        attrs = {"class": css}
        if bound_field.errors:
            attrs["aria-invalid"] = "true"
            attrs["class"] += f" {INVALID_OPTION[kind]}"
        choices = _choices(bound_field, attrs)
        return context | {"is_multiple": True, "kind": kind, "choices": choices}
    css = next((c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)), TEXTBOX)
    if css == TEXTBOX:
        css = f"{css} {size_class(bound_field.field)}".strip()
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        offer_choice_prompt(bound_field.field)
    attrs = {}
    if describedby:
        attrs["aria-describedby"] = context["describedby"]
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        css += f" {INVALID[css.split()[0]]}"
    attrs["class"] = css
    if bound_field.field.required:
        attrs["aria-required"] = "true"
    return context | {
        "is_multiple": False,
        "widget_html": bound_field.as_widget(attrs=attrs),
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
    }


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The current page's query string with another page number: every filter or search
    choice (also the repeated ones, such as several ticked boxes) is kept."""
    query = context["request"].GET.copy()
    query["pagina"] = number
    return f"?{query.urlencode()}"
