"""The Python client against the real mock: the API document's 401/403 handling, 409, 429 with
Retry-After, a call followed to its end, and a signed webhook verified with the standard library."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from telephony import Conflict, Forbidden, Telephony, Unauthorized
from webhooks import WebhookVerificationError, sign, verify_webhook


def client(mock, token="demo-token", waits=None):
    """The client, letting time pass on the mock's clock (and recording how long it waited)."""

    def sleep(seconds: float) -> None:
        if waits is not None:
            waits.append(seconds)
        mock.advance(seconds)

    return Telephony(mock.url, token, sleep=sleep)


def test_creates_an_agent_places_a_call_and_follows_it_to_the_end(mock):
    api = client(mock)
    agent = api.create_agent("Front desk")
    assert agent["id"].startswith("agt_")
    call = api.place_call("+15005550015", agent["id"])  # answered; the callee hangs up after 5 s
    assert call["status"] == "queued"
    states = api.follow_call(call["id"])
    statuses = [s["status"] for i, s in enumerate(states) if i == 0 or s["status"] != states[i - 1]["status"]]
    assert statuses == ["queued", "ringing", "in-progress", "completed"]
    assert states[-1]["endedReason"] == "callee-hangup"
    assert [s["sequence"] for s in states] == sorted({s["sequence"] for s in states})


def test_401_without_a_known_token(mock):
    with pytest.raises(Unauthorized) as refused:
        client(mock, token="not-a-token").create_agent("Desk")
    assert refused.value.status == 401
    bare = requests.get(f"{mock.url}/calls", timeout=10)
    assert bare.status_code == 401
    assert bare.headers["WWW-Authenticate"].startswith("Bearer")


def test_403_as_the_api_document_shows(mock, capsys):
    with pytest.raises(Forbidden) as refused:
        client(mock, token="demo-token-readonly").create_agent("Desk")
    assert refused.value.status == 403
    assert "Access denied. Check your permissions and token." in capsys.readouterr().out
    # The document's own snippet, word for word but for the URL and token.
    response = requests.get(f"{mock.url}/calls", headers={"Authorization": "Bearer demo-token-suspended"}, timeout=10)
    assert response.status_code == 403


def test_409_when_hanging_up_twice(mock):
    api = client(mock)
    call = api.place_call("+14155550123", api.create_agent("Desk")["id"])
    assert api.hang_up(call["id"])["status"] == "canceled"
    with pytest.raises(Conflict) as refused:
        api.hang_up(call["id"])
    assert (refused.value.status, refused.value.code) == (409, "call_ended")


def test_429_waits_for_retry_after_then_succeeds(tight):
    tight.reset()
    waits: list[float] = []
    api = client(tight, waits=waits)
    for _ in range(3):
        api.request("GET", "/calls")
    tight.advance(20)
    raw = requests.get(f"{tight.url}/calls", headers={"Authorization": "Bearer demo-token"}, timeout=10)
    assert raw.status_code == 429
    assert raw.headers["Retry-After"] == "40"
    assert raw.headers["RateLimit"] == '"default";r=0;t=40'
    response = api.request("GET", "/calls")  # the client waits the 40 s, then is served
    assert response.status_code == 200
    assert waits == [40]
    assert response.headers["X-RateLimit-Remaining"] == "2"


class Receiver(BaseHTTPRequestHandler):
    """A webhook endpoint: verifies each delivery and answers an inbound SMS with a reply."""

    secret = ""
    seen: list[tuple[str, dict]] = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        try:
            event = verify_webhook(body, dict(self.headers), Receiver.secret)
        except WebhookVerificationError as error:
            Receiver.seen.append(("refused", {"error": str(error)}))
            self.send_response(401)
            self.end_headers()
            return
        Receiver.seen.append(("verified", event))
        reply = json.dumps({"reply": "Thanks, got it."}).encode() if event["type"] == "text.received" else b""
        self.send_response(200 if reply else 204)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def test_a_signed_webhook_verifies_with_the_standard_library(mock):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        api = client(mock)
        url = f"http://127.0.0.1:{server.server_address[1]}/hooks/sms"
        Receiver.secret = api.request("PUT", "/texts/webhook", {"url": url}).json()["secret"]
        assert Receiver.secret.startswith("whsec_")
        inbound = mock.inbound_text("+14155550199", "Is my order ready?")
        assert inbound["direction"] == "inbound"
        deadline = time.monotonic() + 10
        while not Receiver.seen and time.monotonic() < deadline:
            time.sleep(0.05)
        assert Receiver.seen[:1] == [("verified", Receiver.seen[0][1])]
        event = Receiver.seen[0][1]
        assert (event["type"], event["data"]["body"]) == ("text.received", "Is my order ready?")
        # The reply in the webhook's answer is sent back as an SMS.
        while time.monotonic() < deadline:
            texts = api.request("GET", "/texts").json()["data"]
            if any(t["body"] == "Thanks, got it." for t in texts):
                break
            time.sleep(0.05)
        assert any(t["direction"] == "outbound" and t["body"] == "Thanks, got it." for t in texts)
    finally:
        server.shutdown()


def test_verify_webhook_refuses_a_tampered_body_a_wrong_secret_and_an_old_timestamp():
    secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # base64 of 24 bytes
    body = b'{"type":"text.received","data":{}}'
    now = int(time.time())
    headers = {"webhook-id": "evt_1", "webhook-timestamp": str(now), "webhook-signature": sign(secret, "evt_1", now, body)}
    assert verify_webhook(body, headers, secret)["type"] == "text.received"
    with pytest.raises(WebhookVerificationError):
        verify_webhook(body.replace(b"{}", b'{"x":1}'), headers, secret)
    with pytest.raises(WebhookVerificationError):
        verify_webhook(body, headers, "whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")
    with pytest.raises(WebhookVerificationError):
        verify_webhook(body, headers, secret, now=now + 301)
    # Several signatures (a rotated secret): one match is enough.
    rotated = {**headers, "webhook-signature": "v1,bm90LXRoaXMtb25l " + headers["webhook-signature"]}
    assert verify_webhook(body, rotated, secret)["type"] == "text.received"
