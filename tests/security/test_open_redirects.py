"""Links that carry where to go next never send people to another site."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ELSEWHERE = ("https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_switching_the_language_stays_on_the_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "de", "next": target})

    assert response.status_code == 302
    assert response["Location"].startswith("/"), response["Location"]
    assert not response["Location"].startswith(("//", "/\\"))


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_in_stays_on_the_site(client, target):
    person = UserFactory()

    response = client.post(
        f"/en/accounts/login/?next={target}", {"login": person.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/"), response["Location"]
    assert not response["Location"].startswith(("//", "/\\"))
