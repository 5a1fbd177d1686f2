"""Two clients, one seat each, playing a match in lock step (OpenMatch / PlayMatch) on a real server."""
import threading
import unittest

from tests import support

support.require()

import numpy as np  # noqa: E402

from kumite import (AlreadyExistsError, ArenaClient, KumiteParallelEnv, MatchSeat, NotFoundError,  # noqa: E402
                    UnavailableError, open_match)

STEPS = 40


def actions(seat):
    return [(k * (3 + seat) + seat) % 22 for k in range(STEPS)]


class MatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.address = support.address()

    def play(self, seat, ticket, out, **kw):
        try:
            with MatchSeat(ticket, seat, address=self.address, **kw) as me:
                obs, info = me.reset()
                rows = [(obs.copy(), 0.0, False, False, info)]
                for a in actions(seat):
                    o, r, te, tr, i = me.step(a)
                    rows.append((o.copy(), r, te, tr, i))
            out[seat] = rows
        except BaseException as e:  # noqa: BLE001 - reported by the test thread
            out[seat] = e

    def test_two_clients_play_in_lock_step_and_match_self_play(self):
        settings = {"round_time": 10, "opponent_character": "random"}
        ticket = open_match(self.address, "atari84", settings, seed=13)
        self.assertRegex(ticket.ticket, r"^[0-9a-f]{32}$")
        self.assertEqual(ticket.observation_shape, (4, 84, 84))
        self.assertEqual(ticket.action_space.n, 22)
        out = {}
        # Seat 1 knows only the ticket string (as a remote opponent would) and the agreed shape.
        threads = [threading.Thread(target=self.play, args=(0, ticket, out)),
                   threading.Thread(target=self.play, args=(1, ticket.ticket, out), kwargs={"observation_shape": (4, 84, 84)})]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        for seat in (0, 1):
            self.assertNotIsInstance(out[seat], BaseException, out[seat])
        s0, s1 = out[0], out[1]
        self.assertEqual(len(s0), STEPS + 1)
        self.assertEqual([r[4]["step"] for r in s0], list(range(STEPS + 1)))
        self.assertEqual((s0[0][4]["seat"], s1[0][4]["seat"]), (0, 1))
        for r0, r1 in zip(s0, s1):
            np.testing.assert_array_equal(r0[0], r1[0])  # one screen
            self.assertAlmostEqual(r0[1] + r1[1], 0.0, places=5)  # zero_sum
            self.assertEqual(r0[4]["self_health"], r1[4]["opponent_health"])
        # The same match in one process (KumiteParallelEnv, same seed and actions) sees the same frames.
        with KumiteParallelEnv("atari84", settings, address=self.address) as env:
            obs, _ = env.reset(seed=13)
            np.testing.assert_array_equal(obs["player_0"], s0[0][0])
            for k, (a0, a1) in enumerate(zip(actions(0), actions(1))):
                obs, rewards, terms, truncs, _ = env.step({"player_0": a0, "player_1": a1})
                np.testing.assert_array_equal(obs["player_0"], s0[k + 1][0], err_msg=f"step {k + 1}")
                self.assertAlmostEqual(rewards["player_1"], s1[k + 1][1], places=6)
                if not env.agents:
                    break

    def test_unknown_ticket_is_not_found(self):
        with MatchSeat("0" * 32, 0, address=self.address) as me:
            with self.assertRaises(NotFoundError) as caught:
                me.reset()
        self.assertEqual(caught.exception.status, "NOT_FOUND")
        self.assertIn("no open match has this ticket", caught.exception.message)

    def test_taken_seat_and_an_opponent_that_leaves(self):
        ticket = open_match(self.address, "atari84", seed=1)
        first = {}
        seat1 = MatchSeat(ticket, 1, address=self.address, timeout=30)
        t = threading.Thread(target=lambda: first.setdefault("r", seat1.reset()))
        t.start()
        seat0 = MatchSeat(ticket, 0, address=self.address, timeout=30)
        try:
            obs0, _ = seat0.reset()  # both seats have joined once this returns
            t.join(30)
            np.testing.assert_array_equal(first["r"][0], obs0)
            with MatchSeat(ticket, 0, address=self.address) as again:
                with self.assertRaises(AlreadyExistsError) as caught:
                    again.reset()
            self.assertEqual(caught.exception.status, "ALREADY_EXISTS")
            self.assertIn("seat 0 of this match is taken", caught.exception.message)
            seat1.close()  # leaves: the match ends for seat 0
            with self.assertRaises(UnavailableError) as caught:
                seat0.step(0)
            self.assertIn("the opponent left the match", caught.exception.message)
        finally:
            seat0.close()
            seat1.close()

    def test_a_match_is_seeded_when_opened(self):
        with MatchSeat("0" * 32, 0, address=self.address) as me:
            with self.assertRaisesRegex(ValueError, "open_match"):
                me.reset(seed=3)

    def test_info_fields_agree_with_the_server(self):
        from kumite.match import INFO_FIELDS

        with ArenaClient(self.address) as c:
            created = c.create_arenas(1)
            c.close_arenas(list(created.arena_ids))
        self.assertEqual(tuple(created.info_fields), INFO_FIELDS)


if __name__ == "__main__":
    unittest.main()
