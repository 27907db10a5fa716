from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_count_for


def unread_notifications(request) -> dict:
    """The header's unread count: counted once, and only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count_for(user=user))}
