"""The mail provider's webhook for bounces and complaints: POST /hooks/email-events/.

The body is JSON, ``{"events": [{"id", "type", "bounce_type", "email", "timestamp"}, …]}``
(a single event object or a bare list are read too), signed with the shared secret
``EMAIL_WEBHOOK_SECRET``: header ``X-RuhrBridge-Signature: sha256=<hex HMAC-SHA256 of the
raw body>``. Without a secret the hook does not exist (404). See docs/operations-email.md.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from notifications.bounces import EventError, email_events_record, provider_event
from notifications.enums import EmailEventSource

SIGNATURE_HEADER = "X-RuhrBridge-Signature"


def body_signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _events(payload) -> list:
    if isinstance(payload, dict) and "events" in payload:
        payload = payload["events"]
    if isinstance(payload, dict):
        payload = [payload]
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise EventError("events", "the body must hold a list of event objects")
    return payload


@csrf_exempt
@require_POST
def email_events(request: HttpRequest) -> HttpResponse:
    secret = settings.EMAIL_WEBHOOK_SECRET
    if not secret:
        raise Http404
    given = request.headers.get(SIGNATURE_HEADER, "")
    if not hmac.compare_digest(given.encode(), body_signature(request.body, secret).encode()):
        return JsonResponse({"error": "bad or missing signature"}, status=403)
    try:
        raw_events = _events(json.loads(request.body))
    except json.JSONDecodeError:
        return JsonResponse({"error": "the body is not JSON"}, status=400)
    except EventError as error:
        return JsonResponse({"error": error.message}, status=400)
    events = []
    for number, raw in enumerate(raw_events):
        try:
            events.append(provider_event(raw))
        except EventError as error:
            # Nothing of the batch is stored; the provider retries it once it is fixed.
            where = f"events[{number}].{error.field_name}"
            return JsonResponse({"error": f"{where}: {error.message}"}, status=400)
    new = email_events_record(events=events, source=EmailEventSource.WEBHOOK)
    return JsonResponse({"received": len(events), "new": new})
