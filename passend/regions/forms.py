from django import forms

from .models import Team
from .services import SETTINGS_FIELDS


class TeamSettingsForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = SETTINGS_FIELDS
