"""Forms of the staff's lead work: the board's filters and move control, and the admin's
"open a lead" and "broker an introduction" pages. They validate input only; the writes are
in `leads.services`."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from bridges.models import Bridge, Municipality, SettlementOffer
from bridges.selectors import bridges_managed_by
from companies.models import Company
from core.choices import ModelChoiceField
from leads.enums import LeadKind, LeadStage
from leads.models import MESSAGE_MAX_LENGTH, Introduction, Lead

# A lead opened by staff is where the two already are; "no fit" is something it becomes.
OPENING_STAGES = [(value, label) for value, label in LeadStage.choices if value != LeadStage.NO_FIT]


def _autocomplete(model, field_name: str) -> AutocompleteSelect:
    return AutocompleteSelect(model._meta.get_field(field_name), admin.site)


class _BridgeChoiceMixin:
    """The bridge field offers the bridges the signed-in person manages."""

    def _narrow_bridges(self, user) -> None:
        self.fields["bridge"].queryset = bridges_managed_by(user=user).order_by("slug")  # type: ignore[attr-defined]


class BoardFilterForm(_BridgeChoiceMixin, forms.Form):
    bridge = ModelChoiceField(
        label=_("Bridge"),
        queryset=Bridge.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All bridges"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Both kinds")), *LeadKind.choices], required=False
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._narrow_bridges(user)

    def filters(self) -> dict:
        """The valid filters; a stale or foreign bridge in the address is simply ignored."""
        self.is_valid()
        return {
            "bridge": self.cleaned_data.get("bridge"),
            "kind": self.cleaned_data.get("kind", ""),
        }


class LeadMoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=LeadStage.choices)
    reason = forms.CharField(label=_("Why no fit"), required=False, max_length=500)


class LeadOpenForm(_BridgeChoiceMixin, forms.Form):
    bridge = ModelChoiceField(label=_("bridge"), queryset=Bridge.objects.none())
    kind = forms.ChoiceField(label=_("kind"), choices=LeadKind.choices)
    company = ModelChoiceField(
        label=_("company"),
        queryset=Company.objects.all(),
        widget=_autocomplete(Lead, "company"),
    )
    partner_company = ModelChoiceField(
        label=_("partner company"),
        queryset=Company.objects.all(),
        required=False,
        widget=_autocomplete(Lead, "partner_company"),
        help_text=_("For a partnership, or a Ruhr company that helps the newcomer land."),
    )
    municipality = ModelChoiceField(
        label=_("municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=_autocomplete(Lead, "municipality"),
        help_text=_("For a settlement with a municipality instead of a partner company."),
    )
    offer = ModelChoiceField(
        label=_("settlement offer"),
        queryset=SettlementOffer.objects.all(),
        required=False,
        widget=_autocomplete(Lead, "offer"),
    )
    stage = forms.ChoiceField(
        label=_("stage"), choices=OPENING_STAGES, initial=LeadStage.INTRODUCED
    )
    why = forms.CharField(
        label=_("why these two"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the two agreed, in a sentence or two."),
    )
    owner = ModelChoiceField(
        label=_("owner"),
        queryset=get_user_model().objects.filter(is_staff=True),
        required=False,
        widget=_autocomplete(Lead, "owner"),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._narrow_bridges(user)

    def clean(self):
        data = super().clean()
        partner, municipality = data.get("partner_company"), data.get("municipality")
        if (partner is None) == (municipality is None):
            raise forms.ValidationError(
                _("Choose either a partner company or a municipality, not both.")
                if partner
                else _("Choose the partner company or the municipality.")
            )
        if data.get("kind") == LeadKind.PARTNERSHIP and municipality is not None:
            self.add_error(
                "municipality", _("A partnership is between two companies: choose a company.")
            )
        if partner is not None and partner == data.get("company"):
            self.add_error("partner_company", _("A company cannot be introduced to itself."))
        offer = data.get("offer")
        if offer is not None and offer.municipality_id != getattr(municipality, "pk", None):
            self.add_error("offer", _("Choose an offer of the chosen municipality."))
        return data


class IntroductionBrokerForm(_BridgeChoiceMixin, forms.Form):
    bridge = ModelChoiceField(label=_("bridge"), queryset=Bridge.objects.none())
    first = ModelChoiceField(
        label=_("First company"),
        queryset=Company.objects.all(),
        widget=_autocomplete(Introduction, "requester"),
    )
    second = ModelChoiceField(
        label=_("Second company"),
        queryset=Company.objects.all(),
        required=False,
        widget=_autocomplete(Introduction, "recipient"),
        help_text=_("A company to meet the first one, or leave empty and choose a municipality."),
    )
    municipality = ModelChoiceField(
        label=_("or a municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=_autocomplete(Introduction, "recipient_municipality"),
        help_text=_(
            "For a company that plans to settle in the Ruhr: the municipality's people are "
            "asked, and a settlement lead opens once both say yes."
        ),
    )
    why = forms.CharField(
        label=_("Why these two should meet"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Both sides read this in the e-mail that asks them."),
        error_messages={"required": _("Please write why these two should meet.")},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._narrow_bridges(user)

    def clean(self):
        data = super().clean()
        second, municipality = data.get("second"), data.get("municipality")
        if second is not None and municipality is not None:
            raise forms.ValidationError(
                _("Choose either a second company or a municipality, not both.")
            )
        # An unknown choice has its own message; "choose one" is for a form with neither.
        chose_wrong = self.has_error("second") or self.has_error("municipality")
        if second is None and municipality is None and not chose_wrong:
            raise forms.ValidationError(_("Choose the second company or the municipality."))
        return data

    @property
    def asked(self) -> Company | Municipality:
        """The second party chosen (after validation)."""
        return self.cleaned_data["second"] or self.cleaned_data["municipality"]


class LeadChangeForm(forms.ModelForm):
    """The admin's change form; a stage change is saved through `lead_move`, whose rule it
    checks first so that a missing reason is a form error and nothing is saved."""

    class Meta:
        model = Lead
        fields = ("offer", "stage", "no_fit_reason", "owner", "next_step_on", "why", "notes")

    def clean(self):
        data = super().clean()
        reason = (data.get("no_fit_reason") or "").strip()
        if data.get("stage") == LeadStage.NO_FIT and not reason:
            self.add_error("no_fit_reason", _("Please say why the two are no fit."))
        return data
