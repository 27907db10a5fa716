"""The staff workbench (Django admin): every admin URL refuses everyone but staff, and staff open
the index and each ModelAdmin's changelist, add form and a change form under the strict CSP.

The admin's patterns are generated from the ModelAdmins, so a ModelAdmin registered later is
swept without a new entry in tests/security/access.py.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bridges.models import Municipality
from companies.models import CompanyMember
from tests.factories import CompanyFactory, StaffFactory, UserFactory
from tests.security.access import ADMIN_PREFIX, ROLES, _walk
from tests.security.csp import csp_header_problems, html_problems, is_html
from tests.support.admin import admin_client_for

# What Django's own admin templates would have the browser run inline, if anything. Our admin
# templates add nothing to this list; a new entry means someone added inline code.
DJANGO_ADMIN_INLINE: set[str] = set()


def _admin_urls() -> list[str]:
    from django.urls import get_resolver

    urls = []
    with translation.override("en"):
        for key, _route, pattern in _walk(get_resolver().url_patterns, None, "/"):
            if not key.startswith(ADMIN_PREFIX):
                continue
            regex = pattern.pattern.regex
            if regex.groupindex:
                kwargs = {
                    name: "companies" if name == "app_label" else "1" for name in regex.groupindex
                }
                urls.append(reverse(key, kwargs=kwargs))
            else:
                urls.append(reverse(key, args=["1"] * regex.groups))
    return urls


def _people() -> dict:
    company = CompanyFactory()
    people = {"anonymous": None}
    for role, member_role in (
        ("other_company_user", "owner"),
        ("company_admin", "admin"),
        ("member", "member"),
    ):
        people[role] = UserFactory()
        CompanyMember.objects.create(company=company, user=people[role], role=member_role)
    people["municipality_user"] = UserFactory()
    Municipality.objects.get(name="Dortmund").users.add(people["municipality_user"])
    return people


@pytest.mark.django_db
def test_every_admin_url_refuses_everyone_but_staff():
    people = _people()
    urls = _admin_urls()
    opened = []
    for role in (role for role in ROLES if role != "staff"):
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        for url in urls:
            response = client.get(url)
            if response.status_code == 302:
                # Signing out of the admin sends to its index, which sends to sign in.
                expected = "/admin/" if url.endswith("/logout/") else "login"
                assert expected in response["Location"], url
            elif response.status_code not in (403, 404):
                opened.append((role, url, response.status_code))
    assert opened == []


def admin_pages() -> list[str]:
    """The index, and per ModelAdmin its changelist, its add form and the first object's form."""
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(_StaffRequest()):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    return pages


class _StaffRequest:
    """Enough of a request for `has_add_permission` with a superuser."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(*args, **kwargs):
            return True


@pytest.mark.django_db
def test_staff_open_every_model_admin_under_the_strict_policy():
    client = admin_client_for(Client(), StaffFactory())
    inline, failed = set(), []
    with translation.override("en"):
        pages = admin_pages()
    for url in pages:
        response = client.get(url)
        if response.status_code != 200:
            failed.append((url, response.status_code))
            continue
        assert csp_header_problems(response) == [], url
        if is_html(response):
            inline.update(
                f"{problem}: {url}" for problem in html_problems(response.content.decode())
            )
    assert failed == []
    assert len(pages) > len(admin.site._registry) + 1
    assert inline <= DJANGO_ADMIN_INLINE, sorted(inline - DJANGO_ADMIN_INLINE)
