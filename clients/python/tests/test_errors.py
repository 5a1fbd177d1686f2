"""Refusals come back as KumiteError subclasses that keep the server's status code and message."""
import unittest

from tests import support

support.require()

import grpc  # noqa: E402

from kumite import (ArenaClient, FailedPreconditionError, InvalidArgumentError, KumiteError, KumiteVecEnv,  # noqa: E402
                    NotFoundError, ResourceExhaustedError, UnavailableError)


class ErrorsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.address = support.address()

    def test_bad_config_is_invalid_argument_with_the_servers_message(self):
        with self.assertRaises(InvalidArgumentError) as caught:
            KumiteVecEnv(1, "atari84", {"frame_skip": 0}, address=self.address)
        e = caught.exception
        self.assertIsInstance(e, KumiteError)
        self.assertEqual(e.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(e.status, "INVALID_ARGUMENT")
        self.assertEqual(e.message, "bad arena config: frame_skip must be in 1..32, got 0")
        self.assertEqual(e.method, "CreateArenas")
        self.assertEqual(str(e), "INVALID_ARGUMENT: bad arena config: frame_skip must be in 1..32, got 0 (CreateArenas)")
        self.assertIsInstance(e.__cause__, grpc.RpcError)  # the original error stays reachable

    def test_action_out_of_range_on_the_stream_then_the_env_goes_on(self):
        for transport in ("stream", "unary"):
            with self.subTest(transport=transport), \
                    KumiteVecEnv(2, "atari84", address=self.address, transport=transport) as env:
                env.reset()
                with self.assertRaises(InvalidArgumentError) as caught:
                    env.step([0, 22])
                self.assertIn("discrete action must be in 0..21, got 22", caught.exception.message)
                self.assertEqual(caught.exception.method, "StepStream" if transport == "stream" else "Step")
                obs, *_ = env.step([0, 21])  # a new stream is opened
                self.assertEqual(obs.shape, (2, 4, 84, 84))

    def test_step_before_reset_unknown_and_foreign_arenas(self):
        with ArenaClient(self.address) as a, ArenaClient(self.address) as b:
            ids = list(a.create_arenas(1, "atari84").arena_ids)
            with self.assertRaises(FailedPreconditionError) as caught:
                a.step(ids, [0])
            self.assertIn("has not been reset yet: call Reset before Step", caught.exception.message)
            with self.assertRaises(NotFoundError) as caught:
                a.step([987654321], [0])
            self.assertIn("arena 987654321 does not exist", caught.exception.message)
            with self.assertRaises(NotFoundError):  # another client's arena: ownership is not revealed
                b.reset(ids)
            with self.assertRaises(FailedPreconditionError) as caught:
                a.list_replays()
            self.assertIn("--replay-dir", caught.exception.message)
            self.assertEqual(a.close_arenas(ids), 1)

    def test_limits(self):
        # The test server allows 100 arenas per client and 64 per call.
        with ArenaClient(self.address) as c:
            with self.assertRaises(InvalidArgumentError) as caught:
                c.create_arenas(65)
            self.assertIn("max batch", caught.exception.message)
            ids = list(c.create_arenas(64).arena_ids)
            try:
                with self.assertRaises(ResourceExhaustedError) as caught:
                    c.create_arenas(40)
                self.assertEqual(caught.exception.status, "RESOURCE_EXHAUSTED")
                self.assertIn("this client holds 64 of its 100", caught.exception.message)
            finally:
                c.close_arenas(ids)

    def test_seed_count_mismatch(self):
        with KumiteVecEnv(2, "atari84", address=self.address) as env:
            with self.assertRaisesRegex(ValueError, "expected 2 seeds"):
                env.reset(seed=[1, 2, 3])
            with self.assertRaises(InvalidArgumentError) as caught:
                env.client.reset(env.arena_ids, seeds=[1])
            self.assertIn("seeds must be empty (no reseeding) or one per arena", caught.exception.message)

    def test_no_server_is_unavailable(self):
        with ArenaClient("127.0.0.1:1", timeout=5) as c:
            with self.assertRaises(UnavailableError) as caught:
                c.server_info()
        self.assertEqual(caught.exception.code, grpc.StatusCode.UNAVAILABLE)


if __name__ == "__main__":
    unittest.main()
