from django import forms, template

register = template.Library()

WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}


@register.inclusion_tag("includes/field.html")
def field(bound_field, hint: str = ""):
    """A labelled form field with description and error message linked for screen readers."""
    widget = bound_field.field.widget
    css = next(
        (c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)),
        "utrecht-textbox utrecht-textbox--html-input",
    )
    describedby = []
    help_text = hint or bound_field.help_text
    if help_text:
        describedby.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}-error")
        css += " utrecht-textbox--invalid utrecht-select--invalid"
    attrs = {"class": css}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    # Validation is server-side (forms are novalidate). A native `required` would make the
    # theme's :invalid styling mark empty fields as errors before anyone typed; announce the
    # requirement to assistive technology instead.
    bound_field.form.use_required_attribute = False
    if bound_field.field.required:
        attrs["aria-required"] = "true"
    multiple = isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect)
    if multiple:
        attrs = {k: v for k, v in attrs.items() if k != "aria-required"}
        attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
    return {
        "is_multiple": multiple,
        "field": bound_field,
        "widget_html": bound_field.as_widget(attrs=attrs),
        "help_text": help_text,
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
    }
