"""POST /webhooks/stripe/: verify Stripe's signature, then apply the event once."""

from __future__ import annotations

import logging

import stripe
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from payments.webhooks import handle_event

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return JsonResponse({"error": "Stripe webhooks are not configured"}, status=400)
    try:
        event = stripe.Webhook.construct_event(
            request.body.decode("utf-8"), request.headers.get("Stripe-Signature", ""), secret
        )
    except (ValueError, UnicodeDecodeError, stripe.SignatureVerificationError) as exc:
        logger.warning("rejected a Stripe webhook: %s", exc)
        return JsonResponse({"error": "invalid signature or payload"}, status=400)
    outcome = handle_event(event.to_dict())
    return JsonResponse({"received": True, "outcome": outcome})
