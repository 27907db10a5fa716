"""What each app stores about a person, for the GDPR export (Art. 15/20) and erasure (Art. 17).

Each app registers one section in its `AppConfig.ready()`: how to export what
it holds about a user, how to erase it, and which models that covers. Lower
apps cannot import higher ones, so the registry is how later apps (companies,
matches, events) join the export without `accounts` knowing them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class PersonalDataSection:
    name: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]
    models: tuple[str, ...]
    # What the person must do before their account can be erased (e.g. hand over a company).
    erase_blockers: Callable[[Any], list[str]] | None = None


_sections: dict[str, PersonalDataSection] = {}


def register(section: PersonalDataSection) -> None:
    _sections[section.name] = section


def registered_sections() -> list[PersonalDataSection]:
    return list(_sections.values())


def covered_models() -> set[str]:
    return {label for section in _sections.values() for label in section.models}


def personal_data_export(*, user) -> dict[str, Any]:
    return {name: section.export(user) for name, section in _sections.items()}


def personal_data_erase_blockers(*, user) -> list[str]:
    return [
        message
        for section in _sections.values()
        if section.erase_blockers is not None
        for message in section.erase_blockers(user)
    ]


def personal_data_erase(*, user) -> None:
    # The account section registered first and deletes the user; it goes last.
    for section in reversed(list(_sections.values())):
        section.erase(user)


def _export_account(user) -> dict[str, Any]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "time_zone": user.time_zone,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "privacy_consent_version": user.privacy_consent_version,
        "privacy_consent_at": (
            user.privacy_consent_at.isoformat() if user.privacy_consent_at else None
        ),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "authenticators": [
            {"type": authenticator.type, "created_at": authenticator.created_at.isoformat()}
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def _erase_account(user) -> None:
    # E-mail addresses, authenticators and admin log entries cascade with the user.
    get_user_model().objects.filter(pk=user.pk).delete()


def register_accounts_section() -> None:
    register(
        PersonalDataSection(
            name="account",
            export=_export_account,
            erase=_erase_account,
            models=("accounts.User", "account.EmailAddress", "mfa.Authenticator", "admin.LogEntry"),
        )
    )
