"""Verifying a webhook the Standard Webhooks way (https://www.standardwebhooks.com/), with the
standard library only: HMAC-SHA256 over `id.timestamp.body`, keyed by the base64 part of the
`whsec_…` secret, compared in constant time with each `v1,` signature of `webhook-signature`."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Mapping

TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    """The signature does not match, or the timestamp is too far from now."""


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `v1,…` signature of one message (what the sender puts in `webhook-signature`)."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verify_webhook(body: bytes, headers: Mapping[str, str], secret: str, now: float | None = None) -> Any:
    """Returns the event (parsed JSON) when the signature is good; raises WebhookVerificationError otherwise.

    `body` must be the raw bytes received: re-serialised JSON would not match the signature.
    """
    lower = {name.lower(): value for name, value in headers.items()}
    try:
        msg_id = lower["webhook-id"]
        timestamp = int(lower["webhook-timestamp"])
        signatures = lower["webhook-signature"].split()
    except (KeyError, ValueError) as error:
        raise WebhookVerificationError(f"missing or malformed header: {error}") from error
    if abs((time.time() if now is None else now) - timestamp) > TOLERANCE_SECONDS:
        raise WebhookVerificationError("timestamp too old or too far in the future")
    expected = sign(secret, msg_id, timestamp, body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise WebhookVerificationError("no matching signature")
    return json.loads(body)
