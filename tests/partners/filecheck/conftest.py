"""A real clamd for the virus-scanner tests, started once per session with a signature database
of one entry (``clamav/goedwerk-test.ndb``: the EICAR test string as an extended signature), since
ClamAV's official signatures cannot be downloaded here. It starts in well under a second.

Without /usr/sbin/clamd (Debian's clamav-daemon) the tests that need it skip with a message; with
``CI=true`` they fail instead, so CI cannot lose them silently."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from .ports import free_port

CLAMD = os.environ.get("CLAMD_PATH", "/usr/sbin/clamd")
SIGNATURES = Path(__file__).parent / "clamav"
STARTUP_SECONDS = 60


def _pong(path: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            sock.connect(path)
            sock.sendall(b"zPING\0")
            return sock.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd():
    """The running clamd: a dict with its ``unix`` and ``tcp`` CLAMAV_ADDRESS values."""
    if not os.access(CLAMD, os.X_OK):
        message = f"{CLAMD} is missing: `apt-get install clamav-daemon` to run the ClamAV tests"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    directory = Path(tempfile.mkdtemp(prefix="goedwerk-files-clamd-"))
    sock, log = directory / "clamd.sock", directory / "clamd.log"
    config = directory / "clamd.conf"
    port = free_port()
    config.write_text(
        "Foreground yes\n"
        f"DatabaseDirectory {SIGNATURES}\n"
        f"LocalSocket {sock}\n"
        f"TCPSocket {port}\n"
        "TCPAddr 127.0.0.1\n"
        f"TemporaryDirectory {directory}\n"
        f"LogFile {log}\n"
        "SelfCheck 0\n"
    )
    process = subprocess.Popen(
        [CLAMD, "--foreground", f"--config-file={config}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _pong(str(sock)):
            if process.poll() is not None or time.monotonic() > deadline:
                details = log.read_text() if log.exists() else "(no log)"
                pytest.fail(f"clamd did not start:\n{details}")
            time.sleep(0.05)
        yield {"unix": f"unix://{sock}", "tcp": f"tcp://127.0.0.1:{port}"}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(directory, ignore_errors=True)
