from django import forms
from django.utils.translation import gettext_lazy as _

from bridges.enums import BridgeStatus
from bridges.models import Bridge, SettlementOffer, TwinningProject


class TwinningProjectForm(forms.ModelForm):
    class Meta:
        model = TwinningProject
        fields = [
            "bridge",
            "partner_town",
            "partner_country",
            "kind",
            "since_year",
            "status",
            "sectors",
            "description_de",
            "description_en",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "description_de": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"bridge": _("The Innovation Bridge this project is docked to.")}

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["bridge"].queryset = Bridge.objects.filter(status=BridgeStatus.ACTIVE)

    def clean(self):
        cleaned = super().clean()
        bridge, town = cleaned.get("bridge"), cleaned.get("partner_town")
        if bridge and town:
            twins = TwinningProject.objects.filter(
                municipality=self.municipality,
                bridge=bridge,
                partner_town__iexact=town.strip(),
                kind=cleaned.get("kind"),
            ).exclude(pk=self.instance.pk)
            if twins.exists():
                raise forms.ValidationError(
                    _("%(town)s is already a partner of this kind on this bridge.") % {"town": town}
                )
        return cleaned


class SettlementOfferForm(forms.ModelForm):
    class Meta:
        model = SettlementOffer
        fields = [
            "title_de",
            "title_en",
            "kind",
            "sectors",
            "area_m2",
            "available_from",
            "description_de",
            "description_en",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description_de": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
