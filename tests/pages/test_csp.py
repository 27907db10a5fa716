"""Every page open without signing in sends a strict CSP and holds nothing it would block."""

import pytest
from django.conf import settings
from django.utils import translation

from tests.support.html import inline_code_problems
from tests.support.urls import has_parameters, iter_url_patterns

pytestmark = pytest.mark.django_db


def _public_paths() -> list[str]:
    paths = {"/de/does-not-exist/"}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.update(
                route
                for route, _pattern in iter_url_patterns()
                if not has_parameters(route) and not route.startswith("/admin/")
            )
    return sorted(paths)


def test_every_public_page_has_a_strict_csp_and_no_inline_script_or_style(client):
    checked = []
    for path in _public_paths():
        response = client.get(path)
        if response.status_code not in (200, 404):
            continue
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, path
        assert "unsafe-inline" not in policy, path
        assert "unsafe-eval" not in policy, path
        assert inline_code_problems(response.content.decode()) == [], path
        checked.append(path)

    assert {
        "/de/",
        "/en/",
        "/de/accounts/signup/",
        "/en/accounts/login/",
        "/de/legal/privacy/",
        "/de/does-not-exist/",
    } <= set(checked)


def test_the_admin_and_account_pages_of_a_signed_in_person_have_no_inline_code(client, staff):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(staff)
    for path in (
        "/admin/",
        "/en/accounts/email/",
        "/en/accounts/password/change/",
        "/en/accounts/2fa/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert inline_code_problems(response.content.decode()) == [], path
