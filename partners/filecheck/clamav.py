"""A small client for ClamAV's daemon: the INSTREAM command over a unix or TCP socket.

``settings.CLAMAV_ADDRESS`` says where clamd listens: ``unix:///run/clamav/clamd.ctl`` (Debian's
clamav-daemon) or ``tcp://clamav:3310``; empty means no scanning. When it is set, the scanner must
answer: an unreachable, slow or erroring clamd refuses the upload ("fail closed") and is logged.
"""

import logging
import socket
import struct
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd is configured but could not give a verdict."""


def configured_address() -> str:
    return (getattr(settings, "CLAMAV_ADDRESS", "") or "").strip()


def _connect(address: str, timeout: float) -> socket.socket:
    parts = urlsplit(address)
    if parts.scheme == "unix" or (not parts.scheme and address.startswith("/")):
        path = parts.path if parts.scheme else address
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(path)
        except BaseException:
            sock.close()
            raise
        return sock
    if parts.scheme == "tcp" and parts.hostname and parts.port:
        return socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    raise ScannerUnavailable(f"CLAMAV_ADDRESS is not unix:///path or tcp://host:port: {address!r}")


def _receive_reply(sock: socket.socket) -> str:
    reply = b""
    while not reply.endswith(b"\0"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        reply += chunk
        if len(reply) > 64 * 1024:
            raise ScannerUnavailable("clamd answered with an endless reply")
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan_bytes(data: bytes, *, address: str | None = None) -> str | None:
    """Return the signature name clamd found in ``data``, or None when it is clean.

    Raises ScannerUnavailable when clamd cannot be reached or does not give a clear verdict."""
    address = address or configured_address()
    timeout = float(getattr(settings, "CLAMAV_TIMEOUT", 30))
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK_BYTES):
                chunk = data[start : start + CHUNK_BYTES]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = _receive_reply(sock)
    except OSError as error:  # refused, missing socket, timeout, reset
        raise ScannerUnavailable(f"clamd at {address} is unreachable: {error}") from error
    # "stream: OK", "stream: Eicar-Test-Signature FOUND", "INSTREAM size limit exceeded. ERROR"
    if reply.endswith(" FOUND"):
        return reply.removeprefix("stream:").removesuffix(" FOUND").strip() or "unknown"
    if reply == "stream: OK":
        return None
    raise ScannerUnavailable(f"clamd at {address} answered {reply!r}")
