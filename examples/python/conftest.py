"""Starts the real mock, as `npm start` does (node dist/bin/telemock.js serve), on a free port."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SERVE = [os.environ.get("TELEMOCK_NODE", "node"), str(ROOT / "dist/bin/telemock.js"), "serve"]
BANNER = re.compile(r"serving the AI telephony API on (http://\S+)")


class Mock:
    """A running `telemock serve` process: its URL, and the admin API's clock."""

    def __init__(self, *flags: str):
        self.process = subprocess.Popen(
            [*SERVE, "--port", "0", "--time-scale", "manual", "--log-level", "silent", *flags],
            stdout=subprocess.PIPE,
            stderr=sys.stderr,
            text=True,
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            found = BANNER.search(line)
            if found:
                self.url = found.group(1)
                break
        else:
            raise RuntimeError(f"telemock serve exited ({self.process.wait()}) before serving")

    def advance(self, seconds: float) -> None:
        """Moves the mock's clock: the tests' way of letting time pass."""
        requests.post(f"{self.url}/__mock/clock/advance", json={"seconds": seconds}, timeout=10).raise_for_status()

    def reset(self) -> None:
        requests.post(f"{self.url}/__mock/reset", timeout=10).raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def served() -> Iterator[Mock]:
    mock = Mock()
    yield mock
    mock.stop()


@pytest.fixture
def mock(served: Mock) -> Mock:
    served.reset()
    return served


@pytest.fixture(scope="session")
def tight() -> Iterator[Mock]:
    """A mock with a rate limit of 3 requests per minute, to meet 429s quickly."""
    mock = Mock("--rate-limit", "3")
    yield mock
    mock.stop()
