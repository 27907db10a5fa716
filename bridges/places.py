"""Which Ruhr town or city a written place name means.

Tolerant of case, umlauts written as ue/oe/ae or left out, "a.d." for "an der",
punctuation, the town's other spellings, and a quarter written after the name
("Essen-Kettwig", "Bochum Wattenscheid", "Mülheim an der Ruhr-Saarn").
"""

import re
import unicodedata
from collections.abc import Iterable

from bridges.enums import MunicipalityKind
from bridges.models import Municipality

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def place_keys(text: str) -> set[str]:
    """The normalised forms of a place name that identify it."""
    lowered = re.sub(r"\ba\.\s*d\.\s*", "an der ", text.strip().lower())
    keys = set()
    for variant in (lowered.translate(_UMLAUTS), _strip_accents(lowered)):
        key = " ".join(re.sub(r"[^a-z0-9]+", " ", variant).split())
        if key:
            keys.add(key)
    return keys


class RuhrPlaces:
    """An index of the Ruhr's towns and cities by every key of every spelling."""

    def __init__(self, municipalities: Iterable[Municipality]) -> None:
        self._by_key: dict[str, Municipality] = {}
        for municipality in municipalities:
            if municipality.kind == MunicipalityKind.DISTRICT:
                continue
            for spelling in (municipality.name, *municipality.spellings):
                for key in place_keys(spelling):
                    self._by_key[key] = municipality

    @classmethod
    def load(cls) -> "RuhrPlaces":
        return cls(Municipality.objects.exclude(kind=MunicipalityKind.DISTRICT))

    def resolve(self, city: str) -> Municipality | None:
        for key in sorted(place_keys(city)):
            words = key.split()
            # The whole name first, then ever shorter beginnings: "essen kettwig" → "essen".
            for length in range(len(words), 0, -1):
                found = self._by_key.get(" ".join(words[:length]))
                if found is not None:
                    return found
        return None
