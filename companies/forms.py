from django import forms
from django.utils.translation import gettext_lazy as _

from bridges.selectors import bridges_managed_by
from companies.enums import SettlementNeed
from companies.models import Company
from core.choices import ModelChoiceField

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class CompanyImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_(".csv (UTF-8, comma or semicolon) or .xlsx, at most 10 MB")
    )
    bridge = ModelChoiceField(
        label=_("Make them approved members of"),
        queryset=None,
        required=False,
        empty_label=_("no bridge"),
        to_field_name="slug",
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bridge"].queryset = bridges_managed_by(user=user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it, please."))
        return upload


class SettlementNeedsField(forms.TypedMultipleChoiceField):
    """The settlement needs as checkboxes (stored as a JSON list of slugs)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault(
            "widget", forms.CheckboxSelectMultiple(attrs={"class": "settlement-needs"})
        )
        super().__init__(choices=SettlementNeed.choices, required=False, **kwargs)

    def prepare_value(self, value):
        return value or []


class CompanyAdminForm(forms.ModelForm):
    settlement_needs = SettlementNeedsField(label=_("settlement needs"))

    class Meta:
        model = Company
        fields = ("settlement_needs",)  # the admin adds the fields of its fieldsets
