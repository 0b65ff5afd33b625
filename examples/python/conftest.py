"""Starts the real mock, as `npm start` does (node dist/bin/telemock.js serve), on a free port."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from telemock_driver import MockDriver

ROOT = Path(__file__).resolve().parents[2]
SERVE = [os.environ.get("TELEMOCK_NODE", "node"), str(ROOT / "dist/bin/telemock.js"), "serve"]
BANNER = re.compile(r"serving the AI telephony API on (http://\S+)")


class Mock(MockDriver):
    """A running `telemock serve` process, and the test driver over its admin API."""

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
                super().__init__(found.group(1))
                break
        else:
            raise RuntimeError(f"telemock serve exited ({self.process.wait()}) before serving")

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
