"""Server time of the company directory with 20,000 companies on PostgreSQL.

Usage: .venv/bin/python bench/directory.py [--per-side N] [--requests N]
Loads `load_demo --synthetic N` (N companies on each side of the UK bridge, default 10,000),
then times page 1 of the directory with a sector filter and a search term, in-process through
Django's test client (the whole request: middleware, queries, template), for a visitor and for
a signed-in member of the bridge (who also sees members-only companies).
Target (Self-service issue): p95 at most 150 ms.
"""

import argparse
import statistics
import time

from _setup import setup_django

URLS = (
    "/en/companies/?sector=hydrogen&q=fuel",
    "/en/companies/?sector=e-mobility&q=charg&bridge=united-kingdom",
    "/en/companies/?q=systems",
)


def _member_client(client_class):
    from django.utils import timezone

    from accounts.models import User
    from bridges.models import Bridge
    from companies.models import BridgeMembership, Company, CompanyMember

    user, _ = User.objects.get_or_create(email="bench-member@example.org")
    company, _ = Company.objects.get_or_create(
        name="Bench Viewer Ltd", country="GB", defaults={"city": "Manchester"}
    )
    CompanyMember.objects.get_or_create(company=company, user=user, defaults={"role": "owner"})
    BridgeMembership.objects.get_or_create(
        company=company,
        bridge=Bridge.objects.get(slug="united-kingdom"),
        defaults={"status": "approved", "decided_at": timezone.now()},
    )
    client = client_class()
    client.force_login(user)
    return client


def _time(client, url: str, requests: int) -> list[float]:
    client.get(url)  # warm up
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-side", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100)
    options = parser.parse_args()
    url = setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from companies.models import Company

    started = time.perf_counter()
    call_command("load_demo", "--synthetic", str(options.per_side), verbosity=0)
    print(
        f"database: {url}; {Company.objects.count()} companies "
        f"(synthetic data ready in {time.perf_counter() - started:.1f} s)"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum does in a running database
    for label, client in (("visitor", Client()), ("member", _member_client(Client))):
        for path in URLS:
            times = _time(client, path, options.requests)
            p50 = statistics.median(times)
            p95 = statistics.quantiles(times, n=20)[18]
            print(f"{label:<8} {path:<62} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
