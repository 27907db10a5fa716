import pytest
from django.utils import timezone

from bridges.models import Bridge
from tests.factories import CompanyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _approved(**fields):
    company = CompanyFactory(**fields)
    MembershipFactory(
        company=company,
        bridge=Bridge.objects.get(slug="united-kingdom"),
        status="approved",
        decided_at=timezone.now(),
    )
    return company


def test_the_sitemap_lists_public_pages_in_both_languages_with_alternates(client):
    from tests.factories import EventFactory

    public = _approved(visibility="public")
    members_only = _approved(visibility="members-only")
    summit = EventFactory(slug="greater-manchester-summit")

    xml = client.get("/sitemap.xml").text

    assert "<loc>http://testserver/de/companies/</loc>" in xml
    assert "<loc>http://testserver/en/bridges/united-kingdom/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/municipalities/dortmund/"' in xml
    assert f"/en/companies/{public.pk}/</loc>" in xml
    assert f"/companies/{members_only.pk}/" not in xml
    assert f"<loc>http://testserver/de/events/{summit.slug}/</loc>" in xml
