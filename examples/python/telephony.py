"""A short client for the AI telephony API with `requests`: what a Python integrator writes.

Works against telemock (`npm start`, http://127.0.0.1:4010) and any deployment of the API.
Errors are RFC 9457 problem documents with a stable `code`; this client turns the ones an
integrator must handle into exceptions and waits out a 429 for `Retry-After` seconds.
"""

from __future__ import annotations

import time
from typing import Any, Callable

import requests

ENDED = {"completed", "busy", "no-answer", "failed", "canceled"}


class ApiError(Exception):
    """A refused request: the HTTP status and the problem document's `code` and `detail`."""

    def __init__(self, status: int, problem: dict[str, Any]):
        self.status = status
        self.code = problem.get("code")
        self.detail = problem.get("detail")
        super().__init__(f"{status} {self.code}: {self.detail}")


class Unauthorized(ApiError):
    """401: the token is missing or unknown (the answer carries `WWW-Authenticate: Bearer`)."""


class Forbidden(ApiError):
    """403: a valid token without the permission (read-only token writing, suspended account)."""


class Conflict(ApiError):
    """409: the resource's state refuses the action (e.g. `call_ended` when hanging up twice)."""


ERRORS = {401: Unauthorized, 403: Forbidden, 409: Conflict}


class Telephony:
    """The API with one Bearer token. `sleep` is how time passes (the tests pass the mock's clock)."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        max_rate_limit_waits: int = 3,
    ):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.sleep = sleep
        self.max_rate_limit_waits = max_rate_limit_waits

    def request(self, method: str, path: str, body: Any = None) -> requests.Response:
        """Sends one request; a 429 is retried after `Retry-After` seconds, other errors raise."""
        for _ in range(self.max_rate_limit_waits + 1):
            response = self.session.request(method, self.base_url + path, json=body, timeout=10)
            if response.status_code != 429:
                break
            # The API says how long: Retry-After (seconds). Never guess, never hammer.
            self.sleep(int(response.headers["Retry-After"]))
        if response.status_code == 403:
            # The API document's own example of handling a 403.
            print("Access denied. Check your permissions and token.")
        if response.status_code >= 400:
            error = ERRORS.get(response.status_code, ApiError)
            raise error(response.status_code, response.json())
        return response

    def create_agent(self, name: str) -> dict[str, Any]:
        return self.request("POST", "/agents", {"name": name}).json()

    def place_call(self, to: str, agent_id: str) -> dict[str, Any]:
        return self.request("POST", "/calls", {"to": to, "agentId": agent_id}).json()

    def get_call(self, call_id: str) -> dict[str, Any]:
        return self.request("GET", f"/calls/{call_id}").json()

    def hang_up(self, call_id: str) -> dict[str, Any]:
        return self.request("PUT", f"/calls/{call_id}/hangup").json()

    def follow_call(self, call_id: str, every: float = 1.0, limit: int = 1000) -> list[dict[str, Any]]:
        """Polls the call until it ends; returns each new state seen (by `sequence`), the last one ended."""
        seen: list[dict[str, Any]] = []
        for _ in range(limit):
            call = self.get_call(call_id)
            if not seen or call["sequence"] != seen[-1]["sequence"]:
                seen.append(call)
            if call["status"] in ENDED:
                return seen
            self.sleep(every)
        raise TimeoutError(f"call {call_id} still {seen[-1]['status']} after {limit} polls")
