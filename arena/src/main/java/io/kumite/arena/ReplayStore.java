package io.kumite.arena;

import io.kumite.engine.replay.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the replays of finished episodes into a folder, off the stepping threads (one writer
 * thread), each file atomically (temporary file, fsync, rename), and serves them back by name.
 * Thread-safe.
 */
final class ReplayStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReplayStore.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}\\.kreplay");

    private final Path dir;
    private final ExecutorService writer;
    private final AtomicLong counter = new AtomicLong();

    ReplayStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            counter.set(files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).count());
        }
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kumite-replay-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a replay for writing; returns at once. */
    void accept(Replay replay) {
        long n = counter.incrementAndGet();
        String name = String.format("%06d-%s-vs-%s-%d.kreplay", n, replay.header().p1Character(), replay.header().p2Character(),
                Math.abs(replay.header().seed() % 1_000_000));
        writer.execute(() -> {
            try {
                replay.write(dir.resolve(name));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot write replay " + name + ": " + e.getMessage());
            }
        });
    }

    record Entry(String name, long bytes) {}

    /** The newest {@code limit} replays. */
    List<Entry> list(int limit) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .limit(limit)
                    .forEach(p -> {
                        try {
                            out.add(new Entry(p.getFileName().toString(), Files.size(p)));
                        } catch (IOException e) {
                            // removed meanwhile: skip it
                        }
                    });
        }
        return out;
    }

    byte[] read(String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw ArenaException.invalid("replay names look like 000042-kenta-vs-mira-7.kreplay (letters, digits, . _ -), got \"" + name + "\"");
        }
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException e) {
            throw new ArenaException(io.grpc.Status.Code.NOT_FOUND, "no replay named " + name + "; ListReplays shows what there is");
        }
    }

    /** Waits for queued writes. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(30, TimeUnit.SECONDS);
    }
}
