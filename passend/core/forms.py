"""Form conventions shared by every module."""

from django import forms


class DateInput(forms.DateInput):
    """A native date picker. The browser only accepts ISO values (yyyy-mm-dd), whatever the
    language: Django's localised format (dd-mm-jjjj in Dutch) would leave the field empty."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)
