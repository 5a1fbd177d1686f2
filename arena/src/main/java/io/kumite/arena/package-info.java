/**
 * The arena server: many headless environments of the engine behind gRPC.
 * {@link io.kumite.arena.ArenaServer} (lifecycle, drain) runs {@link io.kumite.arena.ArenaService}
 * (the thin service: decode, check, answer) over {@link io.kumite.arena.ArenaPool} (request checks;
 * {@link io.kumite.arena.ArenaRegistry}: arenas, their owners and quotas; {@link io.kumite.arena.BatchStepper}:
 * batch stepping on the engine's {@link io.kumite.engine.env.StepWorkers}) and
 * {@link io.kumite.arena.MatchRooms} (two clients in one two_player match). Around them: auth, TLS and
 * rate limits ({@link io.kumite.arena.ArenaSecurity}, {@link io.kumite.arena.AuthInterceptor}), a guard
 * that turns unparseable requests into INVALID_ARGUMENT ({@link io.kumite.arena.CallGuard}), Micrometer
 * metrics, and the replay folder ({@link io.kumite.arena.ReplayStore}). Depends on the engine and the
 * proto only.
 */
package io.kumite.arena;
