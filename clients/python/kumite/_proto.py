"""The kumite.v1 messages (generated from proto/ at build time) and a gRPC stub built from their descriptor.

The generated module lives in the git-ignored ``_generated`` folder. When it is missing or the .proto
changed, importing this module regenerates it (``_codegen``), so the client can never drift from the
protocol. The stub is built from the service descriptor in that module, method by method, exactly as
grpc's ``*_pb2_grpc.py`` would be: path ``/kumite.v1.Arena/<Method>``, the message classes'
serializers, unary or streaming as the .proto says.
"""
from __future__ import annotations

import importlib
from typing import Any

from . import _codegen


def _load() -> Any:
    if _codegen.PROTO_FILE.is_file() and not _codegen.is_current():
        try:
            _codegen.generate()
        except Exception as e:  # noqa: BLE001 - re-raised with the fix in the message
            raise ImportError(f"kumite: cannot generate the protobuf module from {_codegen.PROTO_FILE}: {e}") from e
    try:
        return importlib.import_module(__package__ + "._generated.arena_pb2")
    except ImportError as e:
        raise ImportError("kumite: the generated protobuf module is missing; run `python3 clients/python/generate.py` "
                          "inside the Kumite repository (needs python3-grpc-tools or protoc)") from e


pb: Any = _load()
"""The generated module: ``pb.StepRequest``, ``pb.CreateArenasRequest``, ``pb.NEWEST_FRAME``, ..."""

SERVICE = pb.DESCRIPTOR.services_by_name["Arena"]


def _streaming() -> dict[str, tuple[bool, bool]]:
    """(client_streaming, server_streaming) per method, read from the file descriptor's proto form
    (works with every protobuf version, unlike MethodDescriptor.client_streaming)."""
    from google.protobuf import descriptor_pb2

    fd = descriptor_pb2.FileDescriptorProto()
    pb.DESCRIPTOR.CopyToProto(fd)
    service = next(s for s in fd.service if s.name == SERVICE.name)
    return {m.name: (m.client_streaming, m.server_streaming) for m in service.method}


_KINDS = _streaming()


class ArenaStub:
    """The kumite.v1.Arena stub: one attribute per rpc (``stub.Step(request, timeout=...)``)."""

    def __init__(self, channel: Any) -> None:
        factories = {
            (False, False): channel.unary_unary,
            (False, True): channel.unary_stream,
            (True, False): channel.stream_unary,
            (True, True): channel.stream_stream,
        }
        for method in SERVICE.methods:
            request = getattr(pb, method.input_type.name)
            response = getattr(pb, method.output_type.name)
            setattr(self, method.name, factories[_KINDS[method.name]](
                f"/{SERVICE.full_name}/{method.name}",
                request_serializer=request.SerializeToString,
                response_deserializer=response.FromString))
