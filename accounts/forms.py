from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.services import user_complete_signup


def _privacy_help_text() -> str:
    return format_html(
        '<a href="{}">{}</a>', reverse_lazy("pages:privacy"), _("Read the privacy notice")
    )


class SignupForm(forms.Form):
    """Fields allauth's sign-up form adds to e-mail and password."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my data is processed as described there."
        ),
        help_text=lazy(_privacy_help_text, str)(),
        error_messages={"required": _("Please accept the privacy notice to create an account.")},
    )

    field_order = ["full_name", "email", "password1", "password2", "accept_privacy"]

    def signup(self, request, user) -> None:
        user_complete_signup(
            user=user,
            full_name=self.cleaned_data["full_name"],
            language=request.LANGUAGE_CODE,
        )
