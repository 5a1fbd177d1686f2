package io.kumite.arena;

import io.grpc.Status;

/** A request the server refuses, with the gRPC status code and a description the user can act on. */
final class ArenaException extends RuntimeException {
    final Status.Code code;

    ArenaException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    static ArenaException invalid(String message) {
        return new ArenaException(Status.Code.INVALID_ARGUMENT, message);
    }

    static ArenaException notFound(long id) {
        return new ArenaException(Status.Code.NOT_FOUND, "arena " + id
                + " does not exist (never created, closed, or reaped after idling); create arenas with CreateArenas");
    }

    static ArenaException exhausted(String message) {
        return new ArenaException(Status.Code.RESOURCE_EXHAUSTED, message);
    }

    static ArenaException precondition(String message) {
        return new ArenaException(Status.Code.FAILED_PRECONDITION, message);
    }
}
