"""Input of the introduction pages; the services check everything that needs the database."""

from django import forms
from django.utils.translation import gettext_lazy as _

from leads.enums import Outcome
from leads.models import MESSAGE_MAX_LENGTH

REASON_MAX_LENGTH = 500


class IntroductionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "A few sentences on what you have in mind: what you offer, what you look for, "
            "what a first conversation could be about. Please leave out contact details: "
            "both companies see each other's contact persons only if both say yes."
        ),
    )


class IntroductionDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the RuhrBridge team reads it; the other company learns only the no."),
    )


class MunicipalityDeclineForm(IntroductionDeclineForm):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the RuhrBridge team reads it; the company learns only the no."),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of the introduction?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what came of the introduction.")},
    )
    reason = forms.CharField(
        label=_("Why was it no fit?"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for “no fit”: a sentence helps us suggest better partners."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Outcome.NO_FIT and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please say briefly why it was no fit."))
        return cleaned
