import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write every account e-mail in the language its recipient chose, not the sender's."""
        with translation.override(self._recipient_language(email, context)):
            super().send_mail(template_prefix, email, context)

    @staticmethod
    def _recipient_language(email: str, context: dict) -> str:
        user = context.get("user")
        if user is None or not getattr(user, "pk", None):
            user = get_user_model().objects.filter(email__iexact=email).first()
        if user is not None:
            return user.preferred_language
        return translation.get_language()


class MFAAdapter(DefaultMFAAdapter):
    """Keeps authenticator secrets encrypted at rest (allauth stores them in the clear by default).

    The key derives from SECRET_KEY; SECRET_KEY_FALLBACKS keep old secrets
    readable while the key is being rotated.
    """

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([Fernet(_derive_key(key)) for key in keys])


def _derive_key(secret_key: str) -> bytes:
    digest = hashlib.sha256(f"ruhrbridge.mfa.secrets:{secret_key}".encode()).digest()
    return base64.urlsafe_b64encode(digest)
