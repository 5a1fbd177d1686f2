"""Shared by the tests: the package check and one ``./kumite serve`` for the whole run.

The server is started on first use on a free loopback port and stopped when the run ends (atexit,
and by run_tests.py); if this process dies, Linux's parent-death signal stops it too.
"""
from __future__ import annotations

import atexit
import os
import sys
import threading
import unittest
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # clients/python, for `import kumite`

MISSING = []
for _name in ("grpc", "google.protobuf", "numpy"):
    try:
        __import__(_name)
    except ImportError:
        MISSING.append(_name)

SKIP_REASON = ("the Python client needs grpcio, protobuf and numpy (Debian: apt-get install python3-grpcio "
               "python3-protobuf python3-numpy python3-grpc-tools, then run with /usr/bin/python3); missing: "
               + ", ".join(MISSING))


def require() -> None:
    """Skips the calling test module when the packages are missing (raise at import: a skipped module)."""
    if MISSING:
        raise unittest.SkipTest(SKIP_REASON)


# Small per-client limits, so RESOURCE_EXHAUSTED can be provoked cheaply.
SERVER_ARGS = ["--max-arenas-per-client", "100", "--max-batch", "64", "--threads", "2"]
_server = None
_lock = threading.Lock()


def address() -> str:
    """``127.0.0.1:<port>`` of the shared test server (started on first use)."""
    global _server
    with _lock:
        if _server is None:
            from kumite.server import LocalServer

            s = LocalServer(SERVER_ARGS, echo=bool(os.environ.get("KUMITE_TEST_ECHO")))
            atexit.register(s.stop)
            _server = s.start()
        return _server.address


def stop() -> Optional[int]:
    """Stops the shared server if it runs; returns its exit status."""
    global _server
    with _lock:
        s, _server = _server, None
    return s.stop() if s is not None else None
