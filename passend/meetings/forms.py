"""Forms of the overleg module. Validation of participation uses rules.py, like the API."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput

from . import rules
from .codes import AttendanceStatus, GuestKind, MeetingStatus, Participation

DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _text(label, help_text="", rows=4, max_length=8000):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.username


class MeetingForm(forms.Form):
    day = forms.DateField(label=_("Datum"), widget=DATE)
    start = forms.TimeField(label=_("Begintijd"), widget=TIME)
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=15, max_value=600, initial=120
    )
    location = forms.CharField(
        label=_("Locatie"),
        required=False,
        max_length=200,
        help_text=_("Een adres, een zaal of 'online'."),
    )
    chair = ChairField(label=_("Voorzitter"), queryset=None, required=False)
    notes = _text(_("Aantekeningen"), rows=3, max_length=4000)

    # The service names the start `starts_at`; on this form it is the day (and time).
    refusal_field_names = {"starts_at": "day"}

    def __init__(self, *args, members=None, with_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = members
        if with_status:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"), choices=MeetingStatus.choices
            )

    def starts_at(self):
        data = self.cleaned_data
        return timezone.make_aware(
            timezone.datetime.combine(data["day"], data["start"]),
            timezone.get_current_timezone(),
        )


class SeriesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Aantal overleggen"),
        min_value=1,
        max_value=26,
        initial=6,
        help_text=_("Volgens de cadans van het team, vanaf het laatst geplande overleg."),
    )
    start = forms.TimeField(label=_("Begintijd"), widget=TIME)
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=15, max_value=600, initial=120
    )
    location = forms.CharField(label=_("Locatie"), required=False, max_length=200)
    chair = ChairField(label=_("Voorzitter"), queryset=None, required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = members


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, casus):
        return f"{casus.reference} · {casus.first_name} {casus.last_name}"


class AgendaForm(forms.Form):
    casus = CaseChoiceField(label=_("Casus"), queryset=None)
    question = _text(
        _("Vraag aan het overleg"),
        _("Wat wil de casushouder of het gezin van dit overleg weten?"),
        rows=3,
        max_length=4000,
    )

    def __init__(self, *args, cases=None, blocked=(), **kwargs):
        """`blocked`: ids of cases that may not go on an agenda now (no valid consent). They
        are not offered; one sent anyway gets the service's refusal, not a vague choice error."""
        super().__init__(*args, **kwargs)
        field = self.fields["casus"]
        field.queryset = cases
        if blocked:
            hidden = {str(pk) for pk in blocked}
            field.widget.choices = [(v, text) for v, text in field.choices if str(v) not in hidden]


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, overleg):
        start = timezone.localtime(overleg.starts_at)
        return f"{start:%d-%m-%Y %H:%M} · {overleg.location or '-'}"


class AgendaForCaseForm(forms.Form):
    """Put this case on an upcoming meeting (case tab)."""

    overleg = MeetingChoiceField(label=_("Overleg"), queryset=None)
    question = AgendaForm.base_fields["question"]

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overleg"].queryset = meetings


class QuestionForm(forms.Form):
    question = AgendaForm.base_fields["question"]


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    organisation = forms.CharField(label=_("Organisatie"), required=False, max_length=200)
    function = forms.CharField(label=_("Functie of expertise"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=GuestKind.choices,
        initial=GuestKind.GAST,
        widget=forms.RadioSelect,
    )
    discussion = forms.ModelChoiceField(
        label=_("Bij de bespreking van"),
        queryset=None,
        required=False,
        empty_label=_("het hele overleg"),
    )

    def __init__(self, *args, discussions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discussion"].queryset = discussions
        self.fields["discussion"].label_from_instance = lambda d: d.casus.reference


class AttendanceForm(forms.Form):
    """One choice per team member (field name `member_<user id>`)."""

    def __init__(self, *args, members=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.members = list(members)
        for user in self.members:
            self.fields[f"member_{user.pk}"] = forms.ChoiceField(
                label=user.get_full_name() or user.username,
                choices=[("", _("niet vastgelegd")), *AttendanceStatus.choices],
                required=False,
                initial=current.get(user.pk, ""),
            )

    def statuses(self) -> dict[int, str]:
        return {
            user.pk: self.cleaned_data[f"member_{user.pk}"]
            for user in self.members
            if self.cleaned_data.get(f"member_{user.pk}")
        }


class DiscussionForm(forms.Form):
    participation = forms.ChoiceField(
        label=_("Deelname van jeugdige en ouders"),
        choices=Participation.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    spokesperson_name = forms.CharField(
        label=_("Naam woordvoerder"),
        required=False,
        max_length=200,
        help_text=_("De persoon die de jeugdige het meest nabij is en vertrouwt."),
    )
    spokesperson_relation = forms.CharField(
        label=_("Relatie tot de jeugdige"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld tante, buurman, mentor op school."),
    )
    absence_reason = _text(
        _("Reden van afwezigheid"),
        _("Verplicht bij 'afwezig (met reden)': waarom waren jeugdige en ouders er niet bij?"),
        rows=2,
        max_length=2000,
    )
    minutes_part1 = _text(
        _("Deel 1 – met het gezin"),
        _("De wens van jeugdige en gezin, de vraag achter de vraag, wat er is afgesproken."),
        rows=6,
    )
    minutes_part2 = _text(
        _("Deel 2 – besloten"),
        _("Het beraad van het team zonder het gezin: afwegingen en conclusie."),
        rows=6,
    )
    what_helped = _text(_("Wat hielp?"), rows=2, max_length=2000)
    could_be_better = _text(_("Wat kan beter?"), rows=2, max_length=2000)
    family_view = _text(
        _("Hoe keek het gezin erop terug?"),
        _("Vraag het jeugdige en ouders zelf, kort na de bespreking."),
        rows=2,
        max_length=2000,
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.required = required
        if required:
            self.conditionally_required = frozenset({"absence_reason"})
            self.fields["absence_reason"].help_text = _(
                "Verplicht bij afwezigheid: dit team bespreekt geen casus zonder jeugdige en "
                "ouders, tenzij er een reden is."
            )

    def clean(self):
        data = super().clean()
        problems = rules.discussion_problems(
            required=self.required, **{name: data.get(name) or "" for name in self.fields}
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return data
