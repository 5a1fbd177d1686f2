#!/usr/bin/env python3
"""Generates kumite/_generated/arena_pb2.py from proto/ (see kumite/_codegen.py). --check: exit 1 if stale."""
import importlib.util
import sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("kumite_codegen", Path(__file__).resolve().parent / "kumite" / "_codegen.py")
codegen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(codegen)
sys.exit(codegen.main(sys.argv[1:]))
