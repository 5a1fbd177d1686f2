#!/usr/bin/env python3
"""Runs the Python client's tests (plain unittest) against a real ./kumite serve on loopback.

    /usr/bin/python3 clients/python/run_tests.py [-v] [pattern]

Regenerates the protobuf module from proto/ first (git-ignored), starts one server for the run and
stops it at the end, and closes with the plain line ``python: N passed, N failed, N skipped``.
Exit status 1 when a test failed or errored.
"""
from __future__ import annotations

import sys
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tests import support  # noqa: E402


def main(argv: list[str]) -> int:
    verbosity = 2 if "-v" in argv else 1
    patterns = [a for a in argv if not a.startswith("-")]
    if support.MISSING:
        print("python: skipped: " + support.SKIP_REASON)
    else:
        # _codegen by path (importing the kumite package would regenerate silently; this says so in the log).
        import importlib.util

        spec = importlib.util.spec_from_file_location("kumite_codegen", HERE / "kumite" / "_codegen.py")
        codegen = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(codegen)
        print(("python: protobuf module current: " if codegen.is_current() else "python: generating ")
              + str(codegen.OUT_DIR), flush=True)
        if not codegen.is_current():
            codegen.generate()
    start = time.monotonic()
    loader = unittest.TestLoader()
    suite = loader.discover(str(HERE / "tests"), pattern=patterns[0] if patterns else "test*.py", top_level_dir=str(HERE))
    try:
        result = unittest.TextTestRunner(verbosity=verbosity, stream=sys.stdout).run(suite)
    finally:
        support.stop()
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print(f"python client tests: {time.monotonic() - start:.1f} s")
    print(f"python: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
