package io.kumite.arena;

import io.kumite.engine.replay.Replay;
import io.kumite.engine.Clip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * thread), each file atomically (temporary file, fsync, rename), and serves them back by name. Only
 * regular files directly in the folder that start like a replay are listed or served: a symbolic link
 * placed there (to /etc/passwd, or to a folder) is neither. Temporary files left by a writer that was
 * killed are removed at start. Thread-safe.
 */
final class ReplayStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReplayStore.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}\\.kreplay");

    /** A temporary file older than this is stale even if a process with its writer's id runs (ids are reused). */
    static final long STALE_TEMP_MILLIS = 60_000;

    private final Path dir;
    private final ExecutorService writer;
    private final AtomicLong counter = new AtomicLong();

    ReplayStore(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.dir = dir.toRealPath();
        int removed = removeStaleTemporaryFiles();
        if (removed > 0) {
            LOG.info("removed " + removed + " temporary replay file(s) left by a writer that was stopped mid-write");
        }
        try (Stream<Path> files = Files.list(this.dir)) {
            counter.set(files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).count());
        }
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kumite-replay-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Deletes {@link Replay#write}'s temporary files whose writer process is gone or that are older than
     * {@link #STALE_TEMP_MILLIS}; returns how many. A live writer's recent file is kept.
     */
    int removeStaleTemporaryFiles() throws IOException {
        long now = System.currentTimeMillis();
        int removed = 0;
        List<Path> temps = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> Replay.temporaryFileWriter(p.getFileName().toString()).isPresent()).forEach(temps::add);
        }
        for (Path p : temps) {
            long pid = Replay.temporaryFileWriter(p.getFileName().toString()).getAsLong();
            boolean writerAlive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                boolean old = now - a.lastModifiedTime().toMillis() > STALE_TEMP_MILLIS;
                if ((!writerAlive || old) && !a.isDirectory() && Files.deleteIfExists(p)) {
                    removed++;
                }
            } catch (NoSuchFileException e) {
                // its writer finished meanwhile
            }
        }
        return removed;
    }

    /** A replay of this folder: a regular file (not a link) named like one whose first bytes are a replay's. */
    private boolean isReplay(Path p) {
        if (!NAME.matcher(p.getFileName().toString()).matches() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            return Replay.startsWithMagic(in.readNBytes(Replay.MAGIC_LENGTH));
        } catch (IOException e) {
            return false;
        }
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
            files.filter(this::isReplay)
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
            throw ArenaException.invalid("replay names look like 000042-kenta-vs-mira-7.kreplay (letters, digits, . _ -), got "
                    + Clip.quoted(name));
        }
        Path p = dir.resolve(name);
        if (!p.getParent().equals(dir) || !isReplay(p)) {
            throw new ArenaException(io.grpc.Status.Code.NOT_FOUND, "no replay named " + name + "; ListReplays shows what there is");
        }
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) { // a link swapped in meanwhile fails
            return in.readAllBytes();
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
