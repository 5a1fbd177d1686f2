"""LocalServer: runs ``./kumite serve`` as a child process on a free loopback port (tests, examples, benchmarks)."""
from __future__ import annotations

import collections
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Optional, Sequence

_LISTENING = re.compile(r"listening on port (\d+)")


def find_launcher() -> Path:
    """The ``kumite`` launcher: $KUMITE_LAUNCHER, else the repository root above clients/python."""
    env = os.environ.get("KUMITE_LAUNCHER")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "kumite"


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGTERM if the Python process that started it dies (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux: the stop() in tests' cleanups still applies
        pass


class LocalServer:
    """``./kumite serve --port 0 [args]`` in a child process; ``address`` is ``127.0.0.1:<port>``.

    The launcher builds the project first if needed (about a minute), so ``startup_timeout`` is
    generous. :meth:`stop` sends SIGTERM (the server drains for ``--grace`` seconds, 1 by default
    here) and kills it if it has not exited. Use as a context manager, or call stop() in a finally.
    """

    def __init__(self, args: Sequence[str] = (), *, launcher: Optional[Path] = None, startup_timeout: float = 300.0,
                 grace_seconds: int = 1, echo: bool = False) -> None:
        self.launcher = Path(launcher) if launcher else find_launcher()
        self.args = list(args)
        self.startup_timeout = startup_timeout
        self.grace_seconds = grace_seconds
        self.echo = echo
        self.port: Optional[int] = None
        self.process: Optional[subprocess.Popen[str]] = None
        self.output: "collections.deque[str]" = collections.deque(maxlen=200)
        self._ready = threading.Event()

    @property
    def address(self) -> str:
        if self.port is None:
            raise RuntimeError("the server is not started")
        return f"127.0.0.1:{self.port}"

    def start(self) -> "LocalServer":
        if not self.launcher.is_file():
            raise FileNotFoundError(f"no kumite launcher at {self.launcher} (set KUMITE_LAUNCHER)")
        cmd = [str(self.launcher), "serve", "--port", "0", "--grace", str(self.grace_seconds), *self.args]
        self.process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        text=True, bufsize=1, preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        threading.Thread(target=self._pump, name="kumite-serve-output", daemon=True).start()
        deadline = time.monotonic() + self.startup_timeout
        while not self._ready.wait(0.1):
            if self.process.poll() is not None:
                self._ready.wait(0.5)  # let the pump read the last lines
                raise RuntimeError(f"`{' '.join(cmd)}` exited with {self.process.returncode} before listening:\n"
                                   + "".join(self.output))
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"`{' '.join(cmd)}` did not listen within {self.startup_timeout:g} s:\n"
                                   + "".join(self.output))
        return self

    def _pump(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            if self.echo:
                sys.stderr.write("[kumite serve] " + line)
            m = _LISTENING.search(line)
            if m and not self._ready.is_set():
                self.port = int(m.group(1))
                self._ready.set()

    def stop(self, timeout: float = 15.0) -> Optional[int]:
        """Stops the server (SIGTERM, then SIGKILL after ``timeout`` s); returns its exit status."""
        p = self.process
        if p is None or p.poll() is not None:
            return None if p is None else p.returncode
        p.send_signal(signal.SIGTERM)
        try:
            return p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            return p.wait(5)

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
