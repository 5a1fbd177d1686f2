package io.kumite.arena;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.kumite.engine.env.Info;
import io.kumite.proto.v1.SeatResult;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches between two remote clients: a room holds a two_player arena, its ticket and its two seats.
 * When both seats have joined, the room resets the arena and sends each seat its first observation;
 * after that it steps once both seats have sent an action and answers each seat with its own view.
 * Thread-safe (each room is its own lock).
 */
final class MatchRooms {
    private final ArenaPool pool;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    MatchRooms(ArenaPool pool) {
        this.pool = pool;
    }

    /** A room for one arena, created by {@code owner}. */
    final class Room {
        final String ticket;
        final String owner;
        final long arena;
        final long seed;
        final io.kumite.engine.env.EnvConfig config;
        final StreamObserver<SeatResult>[] seats;
        final int[] actions = {-1, -1};
        long step;
        boolean started;
        boolean closed;

        @SuppressWarnings("unchecked")
        Room(String ticket, String owner, long arena, long seed, io.kumite.engine.env.EnvConfig config) {
            this.ticket = ticket;
            this.owner = owner;
            this.arena = arena;
            this.seed = seed;
            this.config = config;
            this.seats = new StreamObserver[2];
        }

        synchronized void join(int seat, StreamObserver<SeatResult> out) {
            if (closed) {
                throw ArenaException.precondition("this match is over");
            }
            if (seat != 0 && seat != 1) {
                throw ArenaException.invalid("seat must be 0 (the opener) or 1, got " + seat);
            }
            if (seats[seat] != null) {
                throw new ArenaException(Status.Code.ALREADY_EXISTS, "seat " + seat + " of this match is taken");
            }
            seats[seat] = out;
            if (seats[0] != null && seats[1] != null) {
                StepResults r = pool.reset(owner, List.of(arena), List.of(seed));
                started = true;
                send(r);
            }
        }

        /** Seat {@code seat}'s action for the next step; a bad one is refused at once, to that seat. */
        synchronized void act(int seat, int action) {
            if (closed) {
                throw ArenaException.precondition("this match is over");
            }
            ArenaPool.checkAction(config, "match arena " + arena + " seat " + seat, action);
            if (!started) {
                throw ArenaException.precondition("the match has not started: both seats must join first");
            }
            if (actions[seat] >= 0) {
                throw ArenaException.precondition("seat " + seat + " already sent its action for step " + (step + 1)
                        + "; wait for the answer (lock step)");
            }
            actions[seat] = action;
            if (actions[0] >= 0 && actions[1] >= 0) {
                StepResults r = pool.step(owner, List.of(arena), List.of(actions[0], actions[1]));
                actions[0] = -1;
                actions[1] = -1;
                step++;
                send(r);
            }
        }

        private void send(StepResults r) {
            int obs = r.observations().length / 2;
            int sv = r.states().length / 2;
            for (int seat = 0; seat < 2; seat++) {
                SeatResult.Builder b = SeatResult.newBuilder()
                        .setObservation(ByteString.copyFrom(r.observations(), seat * obs, obs))
                        .setReward(r.rewards()[seat])
                        .setTerminated(r.terminated()[seat])
                        .setTruncated(r.truncated()[seat])
                        .setStep(step);
                for (Info.Field f : Info.Field.values()) {
                    b.addInfo(Info.get(r.infos(), seat, f));
                }
                for (int i = 0; i < sv; i++) {
                    b.addState(r.states()[seat * sv + i]);
                }
                try {
                    seats[seat].onNext(b.build());
                } catch (io.grpc.StatusRuntimeException cancelled) {
                    // that seat's client went away this instant: its own cancel handling ends the match
                }
            }
        }

        /** A seat's connection ended: the other is told the opponent left, the arena closes. */
        synchronized void leave(int seat, String why) {
            end(seat, "the opponent left the match: " + why);
        }

        /** A seat's message was refused (its stream is ended with the reason): the other is told why the match ended. */
        synchronized void refused(int seat, String why) {
            end(seat, "the match is over: the opponent (seat " + seat + ") was refused: " + why);
        }

        private void end(int seat, String toOther) {
            if (closed) {
                return;
            }
            closed = true;
            rooms.remove(ticket);
            StreamObserver<SeatResult> other = seats[1 - seat];
            seats[0] = null;
            seats[1] = null;
            if (other != null) {
                other.onError(Status.UNAVAILABLE.withDescription(toOther).asRuntimeException());
            }
            pool.closeQuietly(owner, List.of(arena));
        }

        synchronized void finish(int seat) {
            if (seats[seat] == null) {
                return; // the match ended already and the seat was told
            }
            seats[seat].onCompleted();
            seats[seat] = null;
            if (seats[1 - seat] == null) {
                closed = true;
                rooms.remove(ticket);
                pool.closeQuietly(owner, List.of(arena));
            }
        }
    }

    /** Opens a room: a two_player arena owned by {@code owner}. */
    Room open(String owner, String preset, Map<String, String> settings, long seed, List<Long> idOut, Arena.Group[] groupOut) {
        Map<String, String> twoPlayer = new java.util.LinkedHashMap<>(settings);
        twoPlayer.put("mode", "two_player");
        List<Long> ids = new ArrayList<>();
        groupOut[0] = pool.create(owner, 1, preset, twoPlayer, seed, ids);
        byte[] t = new byte[16];
        random.nextBytes(t);
        StringBuilder hex = new StringBuilder();
        for (byte b : t) {
            hex.append(String.format("%02x", b));
        }
        Room room = new Room(hex.toString(), owner, ids.get(0), seed, groupOut[0].config);
        rooms.put(room.ticket, room);
        idOut.addAll(ids);
        return room;
    }

    Room find(String ticket) {
        Room r = rooms.get(ticket);
        if (r == null) {
            throw new ArenaException(Status.Code.NOT_FOUND, "no open match has this ticket (mistyped, or the match is over)");
        }
        return r;
    }
}
