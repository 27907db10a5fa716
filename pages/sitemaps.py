"""sitemap.xml: the public pages, each in German and English with hreflang alternates."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from bridges.enums import BridgeStatus
from bridges.models import Bridge, Municipality
from companies.selectors import directory_companies
from events.selectors import events_visible_to


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPages(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return [
            "pages:home",
            "companies:directory",
            "pages:imprint",
            "pages:privacy",
            "pages:accessibility",
        ]

    def location(self, item):
        return reverse(item)


class BridgePages(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return Bridge.objects.filter(status=BridgeStatus.ACTIVE).order_by("slug")

    def location(self, bridge):
        return reverse("pages:bridge", args=[bridge.slug])


class CompanyPages(_Bilingual):
    """Only what a visitor who is not signed in may see."""

    changefreq = "monthly"

    def items(self):
        return (
            directory_companies(user=AnonymousUser())
            .select_related(None)
            .prefetch_related(None)
            .only("pk")
        )

    def location(self, company):
        return reverse("companies:detail", args=[company.pk])


class MunicipalityPages(_Bilingual):
    changefreq = "monthly"

    def items(self):
        return Municipality.objects.order_by("slug").only("slug")

    def location(self, municipality):
        return reverse("bridges:municipality", args=[municipality.slug])


class EventPages(_Bilingual):
    """Events a visitor who is not signed in may see."""

    changefreq = "weekly"

    def items(self):
        return events_visible_to(user=AnonymousUser()).order_by("starts_at").only("slug")

    def location(self, event):
        return reverse("events:detail", args=[event.slug])


SITEMAPS = {
    "pages": StaticPages,
    "bridges": BridgePages,
    "companies": CompanyPages,
    "municipalities": MunicipalityPages,
    "events": EventPages,
}
