"""Filter forms and the wording of match reasons are kept between requests (core.reference_cache)
and must never show what staff have since changed, nor one query's choices for another."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from bridges.models import Bridge, Sector
from matchmaking.filters import MatchListFilter
from matchmaking.models import Match
from matchmaking.profiles import vocabulary_cached
from tests.factories import CompanyFactory, MembershipFactory

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def _listed(name: str):
    company = CompanyFactory(name=name, visibility="public")
    MembershipFactory(company=company, status="approved", decided_at=timezone.now())
    return company


def _partnership_type_queries(client, url: str) -> int:
    """Partnership types appear only in the directory's filter, not on its cards."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum('FROM "bridges_partnershiptype"' in q["sql"] for q in queries.captured_queries)


def test_it_reads_the_filter_choices_once_and_not_on_every_request(client):
    _listed("Ruhr Wasserstoff GmbH")

    first = _partnership_type_queries(client, "/en/companies/")
    second = _partnership_type_queries(client, "/en/companies/")

    assert first >= 1
    assert second == 0


def test_a_renamed_sector_shows_in_the_directory_filter_at_once(client):
    _listed("Ruhr Wasserstoff GmbH")
    sector = Sector.objects.order_by("pk").first()
    assert sector.name_en in client.get("/en/companies/").text

    sector.name_en = "Green hydrogen and fuel cells"
    sector.save()

    assert "Green hydrogen and fuel cells" in client.get("/en/companies/").text


def test_a_bridge_set_to_draft_leaves_the_filter_at_once(client):
    _listed("Ruhr Wasserstoff GmbH")
    bridge = Bridge.objects.get(slug="israel")
    assert f'value="{bridge.slug}"' in client.get("/en/companies/").text

    bridge.status = "draft"
    bridge.save()

    assert f'value="{bridge.slug}"' not in client.get("/en/companies/").text


def test_each_query_keeps_its_own_choice_selected(client):
    _listed("Ruhr Wasserstoff GmbH")
    first, second = Sector.objects.order_by("pk")[:2]

    client.get("/en/companies/", {"sector": first.slug})
    response = client.get("/en/companies/", {"sector": second.slug})

    assert f'<option value="{second.slug}" selected>' in response.text
    assert f'<option value="{first.slug}" selected>' not in response.text


def test_each_language_gets_its_own_filter_labels(client):
    _listed("Ruhr Wasserstoff GmbH")

    english = client.get("/en/companies/").text
    german = client.get("/de/companies/").text

    assert "All sectors" in english
    assert "Alle Branchen" in german and "All sectors" not in german


def test_filter_forms_whose_choices_depend_on_a_bridge_are_kept_per_bridge():
    page = Template(
        '{% load filter_forms %}{% filter_form_fields form "matchmaking/_filter_fields.html" key %}'
    )

    def rendered(countries, key):
        form = MatchListFilter({}, queryset=Match.objects.none(), countries=countries).form
        return page.render(Context({"form": form, "key": key}))

    with translation.override("en"):
        uk = rendered([("GB", "United Kingdom")], "united-kingdom")
        netherlands = rendered([("NL", "Netherlands")], "netherlands")

    assert "United Kingdom" in uk and "Netherlands" not in uk
    assert "Netherlands" in netherlands and "United Kingdom" not in netherlands


def test_match_reasons_use_a_renamed_sector_at_once():
    sector = Sector.objects.order_by("pk").first()
    assert vocabulary_cached().term("sector", sector.slug).name_en == sector.name_en

    sector.name_en = "Green hydrogen and fuel cells"
    sector.save()

    assert vocabulary_cached().term("sector", sector.slug).name_en == (
        "Green hydrogen and fuel cells"
    )


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_the_directory_still_renders_its_filters_when_the_cache_server_is_down(client):
    _listed("Ruhr Wasserstoff GmbH")

    response = client.get("/en/companies/")

    assert response.status_code == 200
    assert "Ruhr Wasserstoff GmbH" in response.text
    assert "All sectors" in response.text
    cache.close()
