"""A local server for a test or a benchmark: started on a free port, waited for until it listens,
and always stopped (terminated, killed if it will not stop).

Used by tests/browser/test_server.py and tests/bench/link.py (nginx with deploy/nginx.conf, as
`make serve-prod` runs it) and tests/site/test_site_service_worker.py (`mkdocs serve`). Under
pytest this folder is on sys.path (tests/conftest.py's); a script puts it there itself.
"""
from __future__ import annotations

import contextlib
import shlex
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

HOST = "127.0.0.1"


class NotListening(RuntimeError):
    """The server exited, or did not listen in time; the message holds what it wrote on stderr."""


def free_port() -> int:
    """A port nothing listens on now (another process may still take it first: `serving` retries)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen[str], timeout: float = 10) -> str:
    """Terminate `process` (SIGTERM: nginx's fast shutdown), kill it if it has not exited after
    `timeout` seconds; return what it wrote on stderr (if that was a pipe)."""
    process.terminate()
    try:
        return process.communicate(timeout=timeout)[1] or ""
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[1] or ""


def _listening(port: int, process: subprocess.Popen[str], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


@contextlib.contextmanager
def serving(command: Callable[[int], Sequence[str]], *, seconds: float = 10, attempts: int = 3,
            stop_timeout: float = 10, **popen: Any) -> Iterator[int]:
    """Run `command(port)` on a free port until it listens on 127.0.0.1; yield the port; stop it.

    Tries `attempts` free ports (another process may take one first); raises `NotListening` if
    none worked. `popen` goes to `subprocess.Popen` (stderr is always a pipe, for the message).
    """
    errors = ""
    for _ in range(attempts):
        port = free_port()
        argv = list(command(port))
        process = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True, **popen)
        if _listening(port, process, seconds):
            break
        errors = stop(process, stop_timeout)
    else:
        raise NotListening(f"{shlex.join(argv)} did not listen on {HOST}:{port} within {seconds} s:\n{errors}")
    try:
        yield port
    finally:
        stop(process, stop_timeout)
