"""The forms of company self-service: each shows, and so can change, only its own fields."""

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from bridges.models import Bridge, Capability, PartnershipType, Sector
from bridges.places import RuhrPlaces
from companies.enums import InviteRole, MemberRole
from companies.forms import SettlementNeedsField
from companies.models import RUHR_COUNTRY, Company, CompanyContact
from companies.self_service.services import company_duplicate_of, duplicate_message
from companies.sides import bridge_country_codes, company_side
from core.choices import ModelMultipleChoiceField

MAX_DESCRIPTION = 4000
MAX_MOTIVATION = 1000
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".gif")


class LabelsMixin:
    """Labels start with a capital letter on the page; the models keep theirs lower-case."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)


def _country_choices() -> list[tuple[str, str]]:
    """Germany (for the Ruhr) and the partner countries of the bridges."""
    codes = {RUHR_COUNTRY}
    for bridge in Bridge.objects.all():
        codes |= bridge_country_codes(bridge)
    return [
        ("", "---------"),
        *sorted(((code, countries.name(code)) for code in codes), key=lambda choice: choice[1]),
    ]


class SideFormMixin:
    """The side rule: a Ruhr company names its town, a partner-region company its country."""

    def _setup_side(self) -> None:
        self.fields["country"] = forms.ChoiceField(
            label=capfirst(_("country")),
            choices=_country_choices(),
            help_text=_("Germany for a company in the Ruhr, otherwise a partner country."),
        )
        self.fields["city"].required = True
        self.fields["city"].help_text = _(
            "For a company in the Ruhr: its town or city, e.g. Essen, Bochum-Wattenscheid."
        )

    def _clean_side(self, cleaned_data: dict) -> None:
        country, city = cleaned_data.get("country"), cleaned_data.get("city")
        if not country or not city:
            return
        try:
            side = company_side(
                country=country, city=city, places=RuhrPlaces.load(), bridges=Bridge.objects.all()
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
            return
        self.instance.home_municipality = side.home_municipality

    def _clean_duplicate(self, cleaned_data: dict) -> None:
        name, country = cleaned_data.get("name"), cleaned_data.get("country")
        if not name or not country:
            return
        duplicate = company_duplicate_of(name=name, country=country, exclude_id=self.instance.pk)
        if duplicate is not None:
            self.duplicate = duplicate
            self.add_error("name", duplicate_message(duplicate))


class CompanyCreateForm(LabelsMixin, SideFormMixin, forms.ModelForm):
    duplicate: Company | None = None

    class Meta:
        model = Company
        fields = ("name", "country", "city", "website")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._setup_side()

    def clean(self):
        cleaned_data = super().clean()
        self._clean_side(cleaned_data)
        self._clean_duplicate(cleaned_data)
        return cleaned_data


class BasicsForm(LabelsMixin, SideFormMixin, forms.ModelForm):
    duplicate: Company | None = None
    description_en = forms.CharField(
        label=_("description (English)"),
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your company does, for partners abroad. Matching reads it."),
    )
    description_de = forms.CharField(
        label=_("description (German)"),
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    class Meta:
        model = Company
        fields = (
            "name",
            "country",
            "city",
            "postcode",
            "website",
            "register_id",
            "founded",
            "size",
            "description_en",
            "description_de",
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._setup_side()

    def clean(self):
        cleaned_data = super().clean()
        self._clean_side(cleaned_data)
        self._clean_duplicate(cleaned_data)
        return cleaned_data


def _checkboxes(queryset, label):
    return ModelMultipleChoiceField(
        queryset=queryset, required=False, label=label, widget=forms.CheckboxSelectMultiple
    )


class SectorsForm(LabelsMixin, forms.ModelForm):
    sectors = _checkboxes(Sector.objects.all(), _("sectors"))

    class Meta:
        model = Company
        fields = ("sectors",)


class CapabilitiesForm(forms.ModelForm):
    """What the company offers and seeks; shown as one table per sector."""

    offers = _checkboxes(Capability.objects.select_related("sector"), _("we offer"))
    seeks = _checkboxes(Capability.objects.select_related("sector"), _("we seek"))

    class Meta:
        model = Company
        fields = ("offers", "seeks")

    def groups(self) -> list[dict]:
        offered = {str(value) for value in self["offers"].value() or []}
        sought = {str(value) for value in self["seeks"].value() or []}
        company_sectors = set(self.instance.sectors.values_list("pk", flat=True))
        groups: dict[int, dict] = {}
        for capability in self.fields["offers"].queryset:
            group = groups.setdefault(
                capability.sector_id,
                {"sector": capability.sector, "rows": [], "chosen": 0},
            )
            row = {
                "capability": capability,
                "offered": str(capability.pk) in offered,
                "sought": str(capability.pk) in sought,
            }
            group["chosen"] += row["offered"] or row["sought"]
            group["rows"].append(row)
        for group in groups.values():
            group["open"] = bool(group["chosen"]) or group["sector"].pk in company_sectors
        return list(groups.values())


class PartnershipsForm(LabelsMixin, forms.ModelForm):
    partnership_types = _checkboxes(PartnershipType.objects.all(), _("partnership types"))

    class Meta:
        model = Company
        fields = ("partnership_types",)


class SettlementForm(LabelsMixin, forms.ModelForm):
    settlement_needs = SettlementNeedsField(label=_("settlement needs"))

    class Meta:
        model = Company
        fields = (
            "settlement_timeline",
            "settlement_headcount",
            "settlement_needs",
            "settlement_contact_allowed",
        )
        help_texts = {
            "settlement_contact_allowed": _(
                "Ruhr towns and cities with fitting sites and support then see your intent "
                "and can make you an offer."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settlement_headcount"].max_value = 100_000
        self.fields["settlement_headcount"].widget.attrs["max"] = 100_000


class ContactForm(LabelsMixin, forms.ModelForm):
    class Meta:
        model = CompanyContact
        fields = ("name", "role", "email", "phone")


class BaseContactFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            email = (form.cleaned_data.get("email") or "").strip().lower()
            if email and email in seen:
                raise ValidationError(_("Each e-mail address may belong to one contact person."))
            seen.add(email)


ContactFormSet = forms.inlineformset_factory(
    Company,
    CompanyContact,
    form=ContactForm,
    formset=BaseContactFormSet,
    extra=1,
    max_num=10,
    validate_max=True,
    can_delete=True,
)


class LogoField(forms.ImageField):
    """A raster image of at most 2 MB; the size and type are checked before Pillow opens it."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if data.size > MAX_LOGO_BYTES:
            raise ValidationError(
                _("The logo is larger than 2 MB (%(size)s MB). Please upload a smaller image.")
                % {"size": f"{data.size / 1024 / 1024:.1f}"}
            )
        extension = Path(data.name or "").suffix.lower()
        if extension == ".svg":
            raise ValidationError(
                _("SVG files are not accepted as logos. Please upload a PNG, JPEG, WebP or GIF.")
            )
        if extension not in LOGO_EXTENSIONS:
            raise ValidationError(
                _("The logo must be a PNG, JPEG, WebP or GIF image (at most 2 MB).")
            )
        try:
            return super().to_python(data)
        except ValidationError:
            raise ValidationError(
                _("This file is not an image we can read. Please upload a PNG, JPEG, WebP or GIF.")
            ) from None


class LogoForm(LabelsMixin, forms.ModelForm):
    logo = LogoField(
        label=_("logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB. Shown on your company's page."),
    )

    class Meta:
        model = Company
        fields = ("logo",)


class VisibilityForm(LabelsMixin, forms.ModelForm):
    class Meta:
        model = Company
        fields = ("visibility", "open_to_matching")
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {
            "visibility": _(
                "Public: everyone sees your profile. Members only: companies of your bridges "
                "who are signed in. Hidden: only your team and the agency."
            ),
            "open_to_matching": _(
                "Off: your company is never suggested as a partner, and you get no suggestions."
            ),
        }


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the team (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who you are and what you do in the company, at most 500 characters."),
    )


class InviteForm(LabelsMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address of your colleague"))
    role = forms.ChoiceField(label=_("role"), choices=InviteRole.choices, initial=InviteRole.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=MemberRole.choices)


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why does your company want to join this bridge?"),
        max_length=MAX_MOTIVATION,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences for the bridge team, at most 1000 characters."),
    )
