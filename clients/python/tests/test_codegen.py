"""The protocol module is generated from proto/ (never copied) and the stub has every rpc of the service."""
import re
import unittest

from tests import support

support.require()

from kumite import _codegen, _proto  # noqa: E402


class CodegenTest(unittest.TestCase):
    def test_generated_from_the_current_proto(self):
        self.assertTrue(_codegen.is_current(), "kumite/_generated is stale; importing kumite should have regenerated it")
        self.assertEqual(_proto.pb.DESCRIPTOR.name, "kumite/v1/arena.proto")
        self.assertEqual(_proto.pb.DESCRIPTOR.package, "kumite.v1")

    def test_stub_has_every_rpc_of_the_proto_with_its_streaming_kind(self):
        text = _codegen.PROTO_FILE.read_text()
        rpcs = re.findall(r"rpc\s+(\w+)\((stream\s+)?\w+\)\s+returns\s+\((stream\s+)?\w+\)", text)
        self.assertGreaterEqual(len(rpcs), 10)
        for name, client_stream, server_stream in rpcs:
            self.assertEqual(_proto._KINDS[name], (bool(client_stream), bool(server_stream)), name)
        stub = _proto.ArenaStub(__import__("grpc").insecure_channel("127.0.0.1:9"))
        for name, _, _ in rpcs:
            self.assertTrue(callable(getattr(stub, name)), name)

    def test_regenerates_into_a_fresh_folder(self):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "_generated"
            _codegen.generate(out)
            self.assertTrue(_codegen.is_current(out))
            self.assertIn("StepStream", (out / "arena_pb2.py").read_text())


if __name__ == "__main__":
    unittest.main()
