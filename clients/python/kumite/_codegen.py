#!/usr/bin/env python3
"""Generates the Python protobuf module for kumite.v1 from the repository's proto/ folder.

    python3 clients/python/generate.py          # writes clients/python/kumite/_generated/
    python3 clients/python/generate.py --check  # exit 1 when the generated module is missing or stale

(generate.py runs this file; it imports nothing from the kumite package.)

The output (git-ignored) is one module, ``arena_pb2.py``, with the messages and the service
descriptor; ``kumite._proto`` builds the gRPC stub from that descriptor, so no gRPC plugin is
needed. The compiler is ``grpc_tools.protoc`` (Debian: python3-grpc-tools) or a ``protoc`` on PATH
(Debian: protobuf-compiler): the first whose output this Python's protobuf runtime loads.
``import kumite`` runs this step by itself when the module is missing or the .proto changed, so
calling it by hand is optional inside the repository.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
OUT_DIR = PACKAGE_DIR / "_generated"
# clients/python/kumite/_codegen.py -> the repository root is three folders up.
PROTO_ROOT = Path(__file__).resolve().parents[3] / "proto" / "src" / "main" / "proto"
PROTO_NAME = "kumite/v1/arena.proto"  # the name the descriptor is registered under, as with any protoc run
PROTO_FILE = PROTO_ROOT / PROTO_NAME
STAMP = "arena.proto.sha256"


def proto_hash(proto: Path = PROTO_FILE) -> str:
    return hashlib.sha256(proto.read_bytes()).hexdigest()


def is_current(out_dir: Path = OUT_DIR, proto: Path = PROTO_FILE) -> bool:
    """True when out_dir holds a module generated from the current proto file."""
    stamp = out_dir / STAMP
    return (out_dir / "arena_pb2.py").is_file() and stamp.is_file() and stamp.read_text().strip() == proto_hash(proto)


def _compilers() -> list[tuple[str, list[str]]]:
    """The protobuf compilers found here, in the order they are tried."""
    found = []
    try:
        import importlib.util

        if importlib.util.find_spec("grpc_tools") is not None:
            found.append(("grpc_tools.protoc", [sys.executable, "-m", "grpc_tools.protoc"]))
    except (ImportError, ValueError):
        pass
    exe = shutil.which("protoc")
    if exe is not None:
        found.append(("protoc", [exe]))
    return found


def _compile(proto_root: Path, tmp: Path) -> None:
    """Writes tmp/arena_pb2.py with the first compiler whose output this Python's protobuf runtime loads
    (an old grpc_tools makes code that a new runtime may refuse, and a new protoc code an old one refuses)."""
    compilers = _compilers()
    if not compilers:
        raise RuntimeError("no protobuf compiler: install python3-grpc-tools (pip: grpcio-tools) or protobuf-compiler (protoc)")
    failures = []
    for name, cmd in compilers:
        out = tmp / name
        out.mkdir()
        r = subprocess.run([*cmd, f"-I{proto_root}", f"--python_out={out}", PROTO_NAME], capture_output=True, text=True)
        module = out / "kumite" / "v1" / "arena_pb2.py"
        if r.returncode != 0 or not module.is_file():
            failures.append(f"{name}: exit {r.returncode}: {r.stderr.strip()}")
            continue
        check = subprocess.run([sys.executable, "-c", "import runpy, sys; runpy.run_path(sys.argv[1])", str(module)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            failures.append(f"{name}: its output does not load here: {check.stderr.strip().splitlines()[-1:]}")
            continue
        # arena.proto imports no other .proto, so its module stands alone and can live anywhere.
        os.replace(module, tmp / "arena_pb2.py")
        return
    raise RuntimeError("could not generate " + PROTO_NAME + ": " + "; ".join(failures))


def generate(out_dir: Path = OUT_DIR, proto: Path = PROTO_FILE) -> Path:
    """Compiles proto into out_dir (atomically: a temporary folder, then renames). Returns out_dir."""
    if not proto.is_file():
        raise FileNotFoundError(f"{proto} not found: the client is generated from the repository's proto/ folder")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=".gen-") as tmp:
        t = Path(tmp)
        _compile(proto.parents[2], t)
        (t / "__init__.py").write_text('"""Generated from proto/ by clients/python/generate.py; not committed."""\n')
        (t / STAMP).write_text(proto_hash(proto) + "\n")
        out_dir.mkdir(exist_ok=True)
        # The stamp goes last, so a half-written folder is never taken as current.
        for name in ("__init__.py", "arena_pb2.py", STAMP):
            os.replace(t / name, out_dir / name)
    return out_dir


def main(argv: list[str]) -> int:
    if "--check" in argv:
        ok = is_current()
        print(("current: " if ok else "missing or stale: ") + str(OUT_DIR))
        return 0 if ok else 1
    print("generated " + str(generate() / "arena_pb2.py") + " from " + str(PROTO_FILE))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
