"""Reasons as sentences, in German (formal "Sie") or English, from either side of the match.

``viewer`` says who reads: ``"owner"`` — the company whose list it is ("Sie suchen …"),
``"partner"`` — the other company of the pair, reading the same reason about itself, or
``"staff"`` — a bridge manager, who sees both names. The phrase tables live here rather than in
the gettext catalogs because the engine has no Django; the vocabulary's own names are used for
capabilities, sectors and partnership types.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from matchmaking.engine.vocabulary import Vocabulary

Viewer = Literal["owner", "partner", "staff"]
Language = Literal["de", "en"]

# Per code and language: a template per viewer; {owner} and {partner} are the subjects as
# the reader addresses them, {items} the names involved.
PHRASES: dict[str, dict[str, dict[str, str]]] = {
    "seeks_offers": {
        "de": {
            "owner": "Sie suchen {items} – {partner} bietet {items}",
            "partner": "{owner} sucht {items} – Sie bieten {items}",
            "staff": "{owner} sucht {items} – {partner} bietet {items}",
        },
        "en": {
            "owner": "You are looking for {items} – {partner} offers {items}",
            "partner": "{owner} is looking for {items} – you offer {items}",
            "staff": "{owner} is looking for {items} – {partner} offers {items}",
        },
    },
    "offers_seeks": {
        "de": {
            "owner": "{partner} sucht {items} – Sie bieten {items}",
            "partner": "Sie suchen {items} – {owner} bietet {items}",
            "staff": "{partner} sucht {items} – {owner} bietet {items}",
        },
        "en": {
            "owner": "{partner} is looking for {items} – you offer {items}",
            "partner": "You are looking for {items} – {owner} offers {items}",
            "staff": "{partner} is looking for {items} – {owner} offers {items}",
        },
    },
    "same_sector": {
        "de": {
            "owner": "Sie und {partner} sind in derselben Branche tätig: {items}",
            "partner": "Sie und {owner} sind in derselben Branche tätig: {items}",
            "staff": "{owner} und {partner} sind in derselben Branche tätig: {items}",
        },
        "en": {
            "owner": "You and {partner} work in the same sector: {items}",
            "partner": "You and {owner} work in the same sector: {items}",
            "staff": "{owner} and {partner} work in the same sector: {items}",
        },
    },
    "partnership_types": {
        "de": {
            "owner": "Die Partnerschaft passt: {items}",
            "partner": "Die Partnerschaft passt: {items}",
            "staff": "Die Partnerschaft passt: {items}",
        },
        "en": {
            "owner": "The partnership fits: {items}",
            "partner": "The partnership fits: {items}",
            "staff": "The partnership fits: {items}",
        },
    },
    "similar_description": {
        "de": {
            "owner": "Ihre Beschreibung und die von {partner} ähneln sich",
            "partner": "Ihre Beschreibung und die von {owner} ähneln sich",
            "staff": "Die Beschreibungen von {owner} und {partner} ähneln sich",
        },
        "en": {
            "owner": "Your description and {partner}’s are alike",
            "partner": "Your description and {owner}’s are alike",
            "staff": "The descriptions of {owner} and {partner} are alike",
        },
    },
    "size_fit": {
        "de": {
            "owner": "Ähnliche Größe – Sie: {viewer_size}; {partner}: {partner_size}",
            "partner": "Ähnliche Größe – {owner}: {viewer_size}; Sie: {partner_size}",
            "staff": "Ähnliche Größe – {owner}: {viewer_size}; {partner}: {partner_size}",
        },
        "en": {
            "owner": "Similar size – you: {viewer_size}; {partner}: {partner_size}",
            "partner": "Similar size – {owner}: {viewer_size}; you: {partner_size}",
            "staff": "Similar size – {owner}: {viewer_size}; {partner}: {partner_size}",
        },
    },
    "profile_empty": {
        "de": {
            "owner": "Ihr Profil nennt noch nichts, was Sie anbieten oder suchen",
            "partner": "Das Profil von {owner} nennt noch nichts, was angeboten oder gesucht wird",
            "staff": "Das Profil von {owner} nennt noch nichts, was angeboten oder gesucht wird",
        },
        "en": {
            "owner": "Your profile does not yet say what you offer or look for",
            "partner": "{owner}’s profile does not yet say what it offers or looks for",
            "staff": "{owner}’s profile does not yet say what it offers or looks for",
        },
    },
    "landing_partner": {
        "de": {
            "owner": "{partner} kann Ihnen beim Markteintritt helfen: {items}",
            "partner": "Sie können {owner} beim Markteintritt helfen: {items}",
            "staff": "{partner} kann {owner} beim Markteintritt helfen: {items}",
        },
        "en": {
            "owner": "{partner} can help you enter the market: {items}",
            "partner": "You can help {owner} enter the market: {items}",
            "staff": "{partner} can help {owner} enter the market: {items}",
        },
    },
    "settlement_need": {
        "de": {
            "owner": "Sie brauchen {need} – {partner} bietet {offer}",
            "partner": "{owner} braucht {need} – Sie bieten {offer}",
            "staff": "{owner} braucht {need} – {partner} bietet {offer}",
        },
        "en": {
            "owner": "You need {need} – {partner} offers {offer}",
            "partner": "{owner} needs {need} – you offer {offer}",
            "staff": "{owner} needs {need} – {partner} offers {offer}",
        },
    },
    "settlement_timeline": {
        "de": {
            "owner": "Verfügbar ab {date}, passend zu Ihrem Zeitplan",
            "partner": "Verfügbar ab {date}, passend zum Zeitplan von {owner}",
            "staff": "Verfügbar ab {date}, passend zum Zeitplan von {owner}",
        },
        "en": {
            "owner": "Available from {date}, in time for your plans",
            "partner": "Available from {date}, in time for {owner}’s plans",
            "staff": "Available from {date}, in time for {owner}’s plans",
        },
    },
    "settlement_area": {
        "de": {
            "owner": "{area} m² für die geplanten {headcount} Beschäftigten",
            "partner": "{area} m² für die geplanten {headcount} Beschäftigten von {owner}",
            "staff": "{area} m² für die geplanten {headcount} Beschäftigten von {owner}",
        },
        "en": {
            "owner": "{area} m² for the {headcount} people you plan to employ",
            "partner": "{area} m² for the {headcount} people {owner} plans to employ",
            "staff": "{area} m² for the {headcount} people {owner} plans to employ",
        },
    },
}

WORDS: dict[str, dict[str, str]] = {
    "de": {
        "and": "und",
        "you": "Sie",
        "as": "als",
        "micro": "Kleinstunternehmen",
        "small": "kleines Unternehmen",
        "medium": "mittleres Unternehmen",
        "large": "großes Unternehmen",
        "office": "Büroräume",
        "production": "eine Produktionsfläche",
        "lab": "Laborflächen",
        "funding": "Förderung",
        "recruiting": "Unterstützung bei der Personalsuche",
        "commercial-site": "eine Gewerbefläche",
        "office-space": "Büroräume",
        "incubator-place": "einen Inkubatorplatz",
        "support-programme": "ein Unterstützungsprogramm",
        "distribution": "im Vertrieb",
        "customer": "als Kunde",
        "supplier": "als Lieferant",
    },
    "en": {
        "and": "and",
        "you": "you",
        "as": "as",
        "micro": "micro company",
        "small": "small company",
        "medium": "medium-sized company",
        "large": "large company",
        "office": "office space",
        "production": "a production site",
        "lab": "lab space",
        "funding": "funding",
        "recruiting": "help with recruiting",
        "commercial-site": "a commercial site",
        "office-space": "office space",
        "incubator-place": "an incubator place",
        "support-programme": "a support programme",
        "distribution": "in distribution",
        "customer": "as a customer",
        "supplier": "as a supplier",
    },
}


def _join(names: Sequence[str], language: Language) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {WORDS[language]['and']} {names[-1]}"


def _names(vocabulary: Vocabulary, kind: str, slugs: Sequence[str], language: Language) -> str:
    return _join([vocabulary.term(kind, slug).name(language) for slug in slugs], language)


def _type_pairs(
    vocabulary: Vocabulary,
    pairs: Sequence[Sequence[str]],
    viewer: Viewer,
    owner: str,
    partner: str,
    language: Language,
) -> str:
    you = WORDS[language]["you"]
    first = you if viewer == "owner" else owner
    second = you if viewer == "partner" else partner
    parts = []
    for wanted, offered in pairs:
        wanted_name = vocabulary.term("partnership_type", wanted).name(language)
        offered_name = vocabulary.term("partnership_type", offered).name(language)
        parts.append(f"{first}: {wanted_name} – {second}: {offered_name}")
    return "; ".join(parts)


def render_reason(
    reason: Mapping[str, Any],
    *,
    viewer: Viewer,
    language: Language,
    vocabulary: Vocabulary,
    owner: str,
    partner: str,
) -> str:
    """One reason as a sentence. ``owner``: the name of the company whose list it is;
    ``partner``: the other company's name (a settlement offer's title for offer matches)."""
    code = reason["code"]
    tables = PHRASES.get(code)
    if tables is None:
        return code
    template = tables[language][viewer]
    words = WORDS[language]
    values: dict[str, Any] = {"owner": owner, "partner": partner, "items": ""}
    if code in ("seeks_offers", "offers_seeks"):
        values["items"] = _names(vocabulary, "capability", reason["capabilities"], language)
    elif code == "same_sector":
        values["items"] = _names(vocabulary, "sector", reason["sectors"], language)
    elif code == "partnership_types":
        values["items"] = _type_pairs(vocabulary, reason["pairs"], viewer, owner, partner, language)
    elif code == "size_fit":
        values["viewer_size"] = words[reason["viewer"]]
        values["partner_size"] = words[reason["partner"]]
    elif code == "landing_partner":
        values["items"] = _join([words[role] for role in reason["roles"]], language)
    elif code == "settlement_need":
        values["need"] = words[reason["need"]]
        values["offer"] = words.get(reason["offer_kind"], reason["offer_kind"])
    elif code == "settlement_timeline":
        values["date"] = reason["available_from"]
    elif code == "settlement_area":
        values["area"] = f"{reason['area_m2']:,}".replace(",", "." if language == "de" else ",")
        values["headcount"] = reason["headcount"]
    return template.format(**values)
