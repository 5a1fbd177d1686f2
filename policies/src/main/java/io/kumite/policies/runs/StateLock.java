package io.kumite.policies.runs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, between processes (an OS file lock, released by the kernel when a
 * holder dies, SIGKILL included) and between threads of one JVM (which OS file locks do not
 * separate). The processes of one league take it around every read-modify-write of its state.
 * OS file locks hold on local file systems; on NFS they need a working lock manager.
 */
final class StateLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock. */
    static StateLock acquire(Path file) throws IOException {
        ReentrantLock local = local(file);
        local.lock();
        if (local.getHoldCount() > 1) {
            local.unlock();
            throw new IllegalStateException(file + " is already locked by this thread");
        }
        return open(file, local, true);
    }

    /** The lock if nobody holds it, else null (held by another process, another thread here, or this thread). */
    static StateLock tryAcquire(Path file) throws IOException {
        ReentrantLock local = local(file);
        if (!local.tryLock()) {
            return null;
        }
        if (local.getHoldCount() > 1) {
            local.unlock();
            return null;
        }
        return open(file, local, false);
    }

    private static ReentrantLock local(Path file) {
        return IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
    }

    /**
     * Opens the file and takes the OS lock; called holding {@code local} alone, so this JVM never has
     * two channels on the file (closing any descriptor of a file drops the process's POSIX locks on it).
     */
    private static StateLock open(Path file, ReentrantLock local, boolean wait) throws IOException {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = wait ? ch.lock() : ch.tryLock();
            if (l == null) {
                ch.close();
                local.unlock();
                return null;
            }
            return new StateLock(local, ch, l);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
