from django.conf import settings


def site(request) -> dict[str, str]:
    return {
        "SITE_CONTACT_EMAIL": settings.SITE_CONTACT_EMAIL,
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
    }
