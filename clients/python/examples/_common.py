"""Shared by the examples: import kumite from this checkout, and a server (--server, or one started here)."""
from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # clients/python

from kumite import LocalServer  # noqa: E402


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--server", help="host:port of a running `./kumite serve` (default: start one on a free port)")
    return p


@contextlib.contextmanager
def server(address: str | None) -> Iterator[str]:
    """Yields the address to use: the given one, or that of a `./kumite serve --port 0` started for the example."""
    if address:
        yield address
        return
    print("starting ./kumite serve on a free port (the first run builds the project)...", file=sys.stderr)
    with LocalServer() as s:
        yield s.address
