"""Which side of a bridge a company is on, or why it has no place on the platform.

Ruhr side: country DE and a town or city of the Ruhr (its home municipality).
Partner side: a country of the bridge (or, without a bridge, of any bridge).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country

from bridges.models import Bridge, Municipality
from bridges.places import RuhrPlaces
from companies.models import RUHR_COUNTRY

COUNTRY_ALIASES = {"UK": "GB"}


@dataclass(frozen=True)
class Side:
    is_ruhr: bool
    home_municipality: Municipality | None = None


def normalise_country(code: str) -> str:
    code = (code or "").strip().upper()
    return COUNTRY_ALIASES.get(code, code)


def bridge_countries(bridge: Bridge) -> list[Country]:
    # A multiple CountryField reads as a list of Country objects; the stubs only know str.
    return cast("list[Country]", bridge.countries)


def bridge_country_codes(bridge: Bridge) -> set[str]:
    return {country.code for country in bridge_countries(bridge)}


def company_side(
    *,
    country: str,
    city: str,
    places: RuhrPlaces,
    bridges: Iterable[Bridge],
    bridge: Bridge | None = None,
) -> Side:
    """The company's side, or a ValidationError (keyed by field) that says why it has none."""
    code = normalise_country(country)
    if code not in countries:
        raise ValidationError(
            {
                "country": _("“%(code)s” is not an ISO 3166 country code such as DE or GB.")
                % {"code": country}
            }
        )
    if code == RUHR_COUNTRY:
        municipality = places.resolve(city)
        if municipality is None:
            raise ValidationError(
                {
                    "city": _(
                        "“%(city)s” is not a town or city of the Ruhr. German companies take "
                        "part as companies of the Ruhr; RuhrBridge is for the Ruhr and its "
                        "partner regions."
                    )
                    % {"city": city}
                }
            )
        return Side(is_ruhr=True, home_municipality=municipality)
    if bridge is not None and code not in bridge_country_codes(bridge):
        raise ValidationError(
            {
                "country": _(
                    "Companies from %(country)s cannot join the bridge “%(bridge)s”: its partner "
                    "countries are %(partners)s."
                )
                % {
                    "country": countries.name(code),
                    "bridge": bridge.name,
                    "partners": ", ".join(country.name for country in bridge_countries(bridge)),
                }
            }
        )
    if bridge is None and not any(code in bridge_country_codes(b) for b in bridges):
        raise ValidationError(
            {
                "country": _(
                    "%(country)s is not a partner country of any bridge: RuhrBridge is for the "
                    "Ruhr and its partner regions."
                )
                % {"country": countries.name(code)}
            }
        )
    return Side(is_ruhr=False)
