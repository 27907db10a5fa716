"""Import a generated 10,000-row file into PostgreSQL and print how long it takes.

Usage: .venv/bin/python bench/import_companies.py [--rows N]
Target (Domain issue): 10,000 rows in at most 60 s.
"""

import argparse
import csv
import io
import random
import time

from _setup import setup_django


def generate(rows: int, seed: int = 7) -> bytes:
    from bridges.models import Capability, Municipality, PartnershipType, Sector

    rng = random.Random(seed)
    sectors = list(Sector.objects.values_list("slug", flat=True))
    capabilities = list(Capability.objects.values_list("slug", flat=True))
    types = list(PartnershipType.objects.exclude(slug="settlement").values_list("slug", flat=True))
    towns = list(Municipality.objects.exclude(kind="district").values_list("name", flat=True))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "name",
            "country",
            "city",
            "postcode",
            "website",
            "description",
            "founded",
            "size",
            "sectors",
            "offers",
            "seeks",
            "partnership_types",
            "contact_name",
            "contact_email",
        ]
    )
    for n in range(rows):
        ruhr = n % 2 == 0
        offers = rng.sample(capabilities, 4)
        seeks = rng.sample([c for c in capabilities if c not in offers], 3)
        writer.writerow(
            [
                f"Bench Company {n:05d} {'GmbH' if ruhr else 'Ltd'}",
                "DE" if ruhr else "GB",
                rng.choice(towns) if ruhr else "Manchester",
                "",
                f"bench-{n:05d}.example",
                "Generated for the import benchmark.",
                rng.randint(1950, 2024),
                rng.choice(["micro", "small", "medium", "large"]),
                ";".join(rng.sample(sectors, 2)),
                ";".join(offers),
                ";".join(seeks),
                ";".join(rng.sample(types, 2)),
                f"Person {n}",
                f"person{n}@bench-{n:05d}.example",
            ]
        )
    return buffer.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    options = parser.parse_args()
    url = setup_django()
    from bridges.models import Bridge
    from companies.importing import import_companies
    from companies.models import Company

    Company.objects.filter(name__startswith="Bench Company ").delete()
    content = generate(options.rows)
    bridge = Bridge.objects.get(slug="united-kingdom")
    print(f"database: {url}; file: {options.rows} rows, {len(content) / 1e6:.1f} MB")
    for label, dry_run in (
        ("dry run (check only)", True),
        ("first import (all new)", False),
        ("second import (unchanged)", False),
    ):
        started = time.perf_counter()
        result = import_companies(content, "bench.csv", bridge=bridge, dry_run=dry_run)
        elapsed = time.perf_counter() - started
        assert result.ok, result.errors[:3]
        print(
            f"{label:<26} {elapsed:6.1f} s  {options.rows / elapsed:8.0f} rows/s  "
            f"{result.summary()}"
        )
    # The other benchmarks share this database and count the bridge's companies: leave none.
    Company.objects.filter(name__startswith="Bench Company ").delete()


if __name__ == "__main__":
    main()
