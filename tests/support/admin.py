import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def admin_client_for(client, user):
    """A client signed in as `user`, with the TOTP staff need before the admin opens."""
    TOTP.activate(user, TEST_TOTP_SECRET)
    client.force_login(user)
    return client


def count_queries(client, url: str) -> int:
    """The queries of one request with nothing cached (core.reference_cache keeps filter
    forms and wording between requests), so that two counts compare like with like."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def assert_constant_queries(
    client, url: str, make_row, *, rows_before: int = 1, rows_after: int = 3
):
    for _ in range(rows_before):
        make_row()
    with_few = count_queries(client, url)
    for _ in range(rows_after - rows_before):
        make_row()
    with_more = count_queries(client, url)
    if with_few != with_more:
        pytest.fail(
            f"{url}: {with_few} queries with {rows_before} rows, {with_more} with {rows_after}"
        )
