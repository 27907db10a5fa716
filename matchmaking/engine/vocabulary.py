"""The bilingual vocabulary a run snapshot carries: sectors, capabilities, partnership types."""

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    slug: str
    name_de: str
    name_en: str
    sector: str = ""

    def name(self, language: str) -> str:
        return self.name_de if language == "de" else self.name_en


def _index(terms: tuple[Term, ...]) -> dict[str, int]:
    return {term.slug: position for position, term in enumerate(terms)}


@dataclass(frozen=True)
class Vocabulary:
    sectors: tuple[Term, ...]
    capabilities: tuple[Term, ...]
    partnership_types: tuple[Term, ...]
    sector_index: dict[str, int] = field(init=False, repr=False, compare=False)
    capability_index: dict[str, int] = field(init=False, repr=False, compare=False)
    type_index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sector_index", _index(self.sectors))
        object.__setattr__(self, "capability_index", _index(self.capabilities))
        object.__setattr__(self, "type_index", _index(self.partnership_types))

    @classmethod
    def build(
        cls,
        *,
        sectors: Iterable[tuple[str, str, str]],
        capabilities: Iterable[tuple[str, str, str, str]],
        partnership_types: Iterable[tuple[str, str, str]],
    ) -> "Vocabulary":
        """From (slug, name_de, name_en) rows; capabilities add their sector slug last."""
        return cls(
            sectors=tuple(Term(slug, de, en) for slug, de, en in sectors),
            capabilities=tuple(Term(slug, de, en, sector) for slug, de, en, sector in capabilities),
            partnership_types=tuple(Term(slug, de, en) for slug, de, en in partnership_types),
        )

    def term(self, kind: str, slug: str) -> Term:
        """The term of a kind ("sector", "capability", "partnership_type"), or the bare slug."""
        terms, index = {
            "sector": (self.sectors, self.sector_index),
            "capability": (self.capabilities, self.capability_index),
            "partnership_type": (self.partnership_types, self.type_index),
        }[kind]
        position = index.get(slug)
        return terms[position] if position is not None else Term(slug, slug, slug)
