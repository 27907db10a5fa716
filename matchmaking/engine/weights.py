"""The weights of the score's components; the defaults are documented in docs/matching.md."""

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Weights:
    """One direction's score is the weighted sum of its components; weights sum to 1.

    ``capabilities`` weighs how much of what the viewer seeks the candidate offers; the other
    direction (what the candidate seeks that the viewer offers) has the same weight in the
    candidate's direction, and the reciprocal total combines both directions.
    """

    capabilities: float = 0.55
    sector: float = 0.15
    partnership_type: float = 0.15
    description: float = 0.10
    size: float = 0.05

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, int | float) or value < 0 or value != value:
                raise ValueError(f"Weight {item.name} must be a number ≥ 0, not {value!r}.")
        if self.total <= 0:
            raise ValueError("At least one weight must be above 0.")

    @property
    def total(self) -> float:
        return sum(getattr(self, item.name) for item in fields(self))

    def normalised(self) -> "Weights":
        """The same proportions scaled to sum 1, so that every score stays within [0, 1]."""
        total = self.total
        return Weights(**{item.name: getattr(self, item.name) / total for item in fields(self)})

    @classmethod
    def from_mapping(cls, overrides: dict[str, float]) -> "Weights":
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValueError(
                f"Unknown matching weight(s): {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}."
            )
        return cls(**{name: float(value) for name, value in overrides.items()})
