from django import forms
from django.utils.translation import gettext_lazy as _


class DelegationApplicationForm(forms.Form):
    """The company (when the person acts for more than one) and why it wants to travel."""

    company = forms.TypedChoiceField(label=_("Company"), coerce=int)
    motivation = forms.CharField(
        label=_("Why should your company travel with the delegation?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you offer, whom you want to meet, what you hope to achieve."),
        error_messages={
            "required": _("Tell us why your company wants to travel with the delegation.")
        },
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].choices = [(company.pk, company.name) for company in companies]
        if len(companies) == 1:
            self.fields["company"].initial = companies[0].pk
            self.fields["company"].widget = forms.HiddenInput()
