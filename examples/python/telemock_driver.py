"""The test driver for Python: telemock's admin API (/__mock, mock/admin-openapi.yaml), one call
each, as `connectMock` gives it in TypeScript. Only `requests`."""

from __future__ import annotations

from typing import Any, Iterable, Optional

import requests

ENDED = {"completed", "busy", "no-answer", "failed", "canceled"}


class MockAdminError(Exception):
    """The admin API refused: the problem document it answered."""

    def __init__(self, operation: str, problem: dict):
        super().__init__(f"{operation} answered {problem.get('status')}: {problem.get('detail')}")
        self.problem = problem


class MockDriver:
    """A telemock at `url`; `admin_token` when it is not on 127.0.0.1."""

    def __init__(self, url: str, admin_token: Optional[str] = None):
        self.url = url.rstrip("/")
        self.headers = {"X-Admin-Token": admin_token} if admin_token else {}

    def _call(self, method: str, path: str, body: Any = None, headers: Optional[dict] = None, **query) -> Any:
        response = requests.request(
            method,
            f"{self.url}/__mock{path}",
            json=body,
            params={k: v for k, v in query.items() if v is not None},
            headers={**self.headers, **(headers or {})},
            timeout=10,
        )
        if response.status_code >= 400:
            raise MockAdminError(f"{method} /__mock{path}", response.json())
        return response.json() if response.content else None

    def reset(self) -> None:
        """Forgets all data; users, scenarios and the clock's scale stay."""
        self._call("POST", "/reset")

    def clock(self) -> dict:
        return self._call("GET", "/clock")

    def advance(self, seconds: float) -> dict:
        """Moves the mock's clock forward: how a test lets time pass."""
        return self._call("POST", "/clock/advance", {"seconds": seconds})

    def inbound_text(self, sender: str, body: str, user_id: str = "demo") -> dict:
        """An SMS from `sender` arrives for the user (delivered to their webhook as text.received)."""
        return self._call("POST", "/texts/inbound", {"from": sender, "body": body}, {"X-Mock-User": user_id})

    def requests(self, **filters) -> list:
        """The requests the mock received (operationId=, callId=, status=, userId=), newest first."""
        return self._call("GET", "/journal", limit=1000, **filters)["entries"]

    def run_until(self, call_id: str, status: str | Iterable[str] = "ended", max_seconds: float = 60) -> dict:
        """Steps the manual clock a second at a time until the call reaches `status` ("ended": any ending)."""
        wanted = ENDED if status == "ended" else {status} if isinstance(status, str) else set(status)
        waited = 0.0
        while True:
            call = self._call("GET", f"/calls/{call_id}")["call"]
            if call["status"] in wanted:
                return call
            if call["status"] in ENDED:
                raise AssertionError(f"call {call_id} ended {call['status']}; it will never be {status}")
            if waited >= max_seconds:
                raise AssertionError(
                    f"call {call_id} did not reach {status} within {max_seconds} s of the mock's clock "
                    f"(it is {call['status']})"
                )
            self.advance(1)
            waited += 1
