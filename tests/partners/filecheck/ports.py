"""Ports for test servers: this project's test range, first free one first."""

import socket

import pytest

TEST_PORTS = range(18111, 18120)  # 18110 stays closed: the "nobody listens here" port


def free_port() -> int:
    """A test port nobody listens on (two test runs may share the machine)."""
    for port in TEST_PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {TEST_PORTS}")
