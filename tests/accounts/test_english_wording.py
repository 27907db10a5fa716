import pytest

pytestmark = pytest.mark.django_db


def test_the_english_sign_in_pages_use_sentence_case_like_the_rest_of_the_site(client):
    page = client.get("/en/accounts/login/").text

    assert "Remember me" in page
    assert "Remember Me" not in page
