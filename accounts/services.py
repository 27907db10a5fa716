"""Every write to a user account."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import privacy
from accounts.models import User

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def _check_language(language: str) -> None:
    if language not in LANGUAGE_CODES:
        raise ValidationError(
            _("“%(language)s” is not a language of this site.") % {"language": language}
        )


@transaction.atomic
def user_complete_signup(*, user: User, full_name: str, language: str) -> User:
    """Store what the sign-up form asked beyond e-mail and password, and the consent given."""
    _check_language(language)
    user.full_name = full_name.strip()
    user.preferred_language = language
    user.privacy_consent_version = settings.PRIVACY_NOTICE_VERSION
    user.privacy_consent_at = timezone.now()
    user.full_clean(exclude=["password"])
    user.save(
        update_fields=[
            "full_name",
            "preferred_language",
            "privacy_consent_version",
            "privacy_consent_at",
        ]
    )
    return user


def user_set_language(*, user: User, language: str) -> None:
    _check_language(language)
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Erase the person: every app's data about them first, then the account itself.

    Refused, with what to do first, while an app says the person still holds something others
    depend on (the last owner of a company that has other members).
    """
    blockers = privacy.personal_data_erase_blockers(user=user)
    if blockers:
        raise ValidationError(blockers)
    privacy.personal_data_erase(user=user)
