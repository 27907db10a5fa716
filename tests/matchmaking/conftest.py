import importlib
import itertools

import pytest

from matchmaking.engine import Profile, Vocabulary, build_snapshot, prepare

REFERENCE = importlib.import_module("bridges.migrations.0002_reference_data")
_ids = itertools.count(1)


def reference_vocabulary() -> Vocabulary:
    return Vocabulary.build(
        sectors=[(slug, de, en) for slug, (de, en, _) in REFERENCE.SECTORS.items()],
        capabilities=[
            (capability, de, en, sector)
            for sector, (_, _, capabilities) in REFERENCE.SECTORS.items()
            for capability, de, en in capabilities
        ],
        partnership_types=REFERENCE.PARTNERSHIP_TYPES,
    )


VOCABULARY = reference_vocabulary()


def company(side: str = "ruhr", **fields) -> Profile:
    """A profile with a fresh id; lists may be given as space-separated slugs."""
    for name in ("sectors", "offers", "seeks", "partnership_types", "settlement_needs"):
        if isinstance(fields.get(name), str):
            fields[name] = tuple(fields[name].split())
    fields.setdefault("id", next(_ids))
    return Profile(side=side, **fields)  # type: ignore[arg-type]


def prepared_for(*profiles: Profile, **snapshot_options):
    snapshot = build_snapshot(vocabulary=VOCABULARY, profiles=profiles, **snapshot_options)
    return prepare(snapshot)


@pytest.fixture
def vocabulary() -> Vocabulary:
    return VOCABULARY
