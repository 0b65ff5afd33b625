"""A first test in Python (the README quotes it): the app's requests, and the driver letting time pass on
the mock's manual clock (conftest.py starts `telemock serve --time-scale manual` on a free port)."""

import requests

from telemock_driver import MockDriver


def test_a_call_the_callee_hangs_up(mock: MockDriver):
    api = requests.Session()
    api.headers["Authorization"] = "Bearer demo-token"
    agent = api.post(f"{mock.url}/agents", json={"name": "Front desk"}).json()
    call = api.post(f"{mock.url}/calls", json={"to": "+15005550015", "agentId": agent["id"]}).json()
    assert call["status"] == "queued"

    ended = mock.run_until(call["id"], "ended")  # steps the clock: ~9 s of the mock's, in milliseconds
    assert (ended["status"], ended["endedReason"]) == ("completed", "callee-hangup")
    assert [r["status"] for r in mock.requests(operationId="createCall")] == [201]
