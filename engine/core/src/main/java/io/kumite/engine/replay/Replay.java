package io.kumite.engine.replay;

import io.kumite.engine.sim.MatchConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A recorded match ({@code .kreplay}): a versioned header (engine and simulation versions, the
 * character-data hash, the match config, the seed, both policies and their checkpoint hashes, the
 * fairness knobs), the per-frame inputs of both seats (deflate-compressed), a state checksum every
 * {@link #checksumInterval} frames, and the final result. Each of the four sections carries its
 * length and a CRC-32, so truncation and flipped bytes are reported as such (docs/replay-format.md).
 * Immutable once built.
 */
public final class Replay {
    static final byte[] MAGIC = {'K', 'R', 'E', 'P', 'L', 'A', 'Y', 0x1A};
    /** Format version: readers accept any minor version of their major version. */
    public static final int FORMAT_MAJOR = 1;
    public static final int FORMAT_MINOR = 0;
    private static final int MAX_SECTION = 64 << 20;
    /** The temporary file {@link #write} renames into place: {@code .<name>.<pid>.<thread>.tmp}. */
    private static final java.util.regex.Pattern TEMP_FILE = java.util.regex.Pattern.compile("\\..+\\.(\\d{1,19})\\.\\d{1,19}\\.tmp");

    /** Header: who played what, with which engine and data. */
    public record Header(
            String engineVersion,
            int simulationVersion,
            String rosterHash,
            String p1Character,
            String p2Character,
            MatchConfig config,
            long seed,
            String p1Policy,
            String p1CheckpointHash,
            String p2Policy,
            String p2CheckpointHash,
            int stickyActionsPerMille,
            int observationDelayFrames,
            int checksumInterval) {}

    /** How the recording ended: the match result code (or -1 if it was cut short), rounds, last frame. */
    public record Result(int winner, int p1Rounds, int p2Rounds, int roundsPlayed, int frames, long finalChecksum) {}

    private final Header header;
    /** Per frame: seat 0's input in the low 16 bits, seat 1's in the high 16 bits. */
    private final int[] inputs;
    /** checksums[k] is the state checksum after frame (k + 1) * interval. */
    private final long[] checksums;
    private final Result result;

    public Replay(Header header, int[] inputs, long[] checksums, Result result) {
        this.header = header;
        this.inputs = inputs.clone();
        this.checksums = checksums.clone();
        this.result = result;
    }

    public Header header() {
        return header;
    }

    public Result result() {
        return result;
    }

    public int frames() {
        return inputs.length;
    }

    public int input(int frame, int seat) {
        int packed = inputs[frame];
        return seat == 0 ? packed & 0xFFFF : packed >>> 16;
    }

    public int checksumCount() {
        return checksums.length;
    }

    public long checksum(int k) {
        return checksums[k];
    }

    /** Frame after which checksum {@code k} was taken (1-based frame count). */
    public int checksumFrame(int k) {
        return (k + 1) * header.checksumInterval();
    }

    // ------------------------------------------------------------------ writing

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeShort(FORMAT_MAJOR);
            out.writeShort(FORMAT_MINOR);
            section(out, headerBytes());
            section(out, inputBytes());
            ByteArrayOutputStream cs = new ByteArrayOutputStream();
            DataOutputStream c = new DataOutputStream(cs);
            c.writeInt(header.checksumInterval());
            c.writeInt(checksums.length);
            for (long v : checksums) {
                c.writeLong(v);
            }
            section(out, cs.toByteArray());
            ByteArrayOutputStream rs = new ByteArrayOutputStream();
            DataOutputStream r = new DataOutputStream(rs);
            r.writeInt(result.winner());
            r.writeInt(result.p1Rounds());
            r.writeInt(result.p2Rounds());
            r.writeInt(result.roundsPlayed());
            r.writeInt(result.frames());
            r.writeLong(result.finalChecksum());
            section(out, rs.toByteArray());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code head} (a file's first bytes, at least {@value #MAGIC_LENGTH}) starts like a .kreplay. */
    public static boolean startsWithMagic(byte[] head) {
        return head.length >= MAGIC.length && java.util.Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The bytes {@link #startsWithMagic} looks at. */
    public static final int MAGIC_LENGTH = 8;

    /**
     * The id of the process that was writing {@code fileName}, if it is one of {@link #write}'s temporary
     * files (left behind when that process was killed mid-write); empty otherwise.
     */
    public static java.util.OptionalLong temporaryFileWriter(String fileName) {
        java.util.regex.Matcher m = TEMP_FILE.matcher(fileName);
        if (!m.matches()) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** Writes the replay atomically: a temporary file, fsync, then rename over {@code file}. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            ByteBuffer buf = ByteBuffer.wrap(toBytes());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void section(DataOutputStream out, byte[] body) throws IOException {
        out.writeInt(body.length);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }

    private byte[] headerBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(header.engineVersion());
        out.writeInt(header.simulationVersion());
        out.writeUTF(header.rosterHash());
        out.writeUTF(header.p1Character());
        out.writeUTF(header.p2Character());
        MatchConfig c = header.config();
        out.writeInt(c.p1Character());
        out.writeInt(c.p2Character());
        out.writeInt(c.bestOf());
        out.writeInt(c.roundCounts());
        out.writeLong(header.seed());
        out.writeUTF(header.p1Policy());
        out.writeUTF(header.p1CheckpointHash());
        out.writeUTF(header.p2Policy());
        out.writeUTF(header.p2CheckpointHash());
        out.writeInt(header.stickyActionsPerMille());
        out.writeInt(header.observationDelayFrames());
        out.writeInt(header.checksumInterval());
        return bytes.toByteArray();
    }

    private byte[] inputBytes() {
        byte[] raw = new byte[4 + inputs.length * 4];
        ByteBuffer b = ByteBuffer.wrap(raw);
        b.putInt(inputs.length);
        for (int v : inputs) {
            b.putInt(v);
        }
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 8 + 64);
        byte[] chunk = new byte[8192];
        while (!d.finished()) {
            int n = d.deflate(chunk);
            out.write(chunk, 0, n);
        }
        d.end();
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ reading

    public static Replay read(Path file) throws IOException, ReplayFormatException {
        return fromBytes(Files.readAllBytes(file));
    }

    /** Parses a replay; every problem is a {@link ReplayFormatException} with a one-line reason. */
    public static Replay fromBytes(byte[] data) throws ReplayFormatException {
        if (data.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new ReplayFormatException("not a Kumite replay: the file does not start with the .kreplay magic bytes");
        }
        if (data.length < MAGIC.length + 4) {
            throw new ReplayFormatException("truncated: the file ends inside the version field (" + data.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        b.position(MAGIC.length);
        int major = b.getShort() & 0xFFFF;
        int minor = b.getShort() & 0xFFFF;
        if (major != FORMAT_MAJOR) {
            throw new ReplayFormatException("replay format version " + major + "." + minor + " is not readable by this Kumite"
                    + " (it reads " + FORMAT_MAJOR + ".x)" + (major > FORMAT_MAJOR ? "; upgrade Kumite to read it" : ""));
        }
        byte[] headerBytes = section(b, "header");
        byte[] inputBytes = section(b, "inputs");
        byte[] checksumBytes = section(b, "checksums");
        byte[] resultBytes = section(b, "result");
        if (b.hasRemaining()) {
            throw new ReplayFormatException("corrupt: " + b.remaining() + " unexpected bytes after the result section");
        }
        try {
            Header header = parseHeader(headerBytes);
            int[] inputs = parseInputs(inputBytes);
            DataInputStream c = new DataInputStream(new ByteArrayInputStream(checksumBytes));
            int interval = c.readInt();
            int count = c.readInt();
            if (interval != header.checksumInterval() || count < 0 || count > inputs.length / Math.max(1, interval)) {
                throw new ReplayFormatException("corrupt checksums section: " + count + " checksums every " + interval
                        + " frames do not fit " + inputs.length + " frames");
            }
            long[] checksums = new long[count];
            for (int i = 0; i < count; i++) {
                checksums[i] = c.readLong();
            }
            DataInputStream r = new DataInputStream(new ByteArrayInputStream(resultBytes));
            Result result = new Result(r.readInt(), r.readInt(), r.readInt(), r.readInt(), r.readInt(), r.readLong());
            if (result.frames() != inputs.length) {
                throw new ReplayFormatException("corrupt result section: it says " + result.frames() + " frames, the inputs hold "
                        + inputs.length);
            }
            return new Replay(header, inputs, checksums, result);
        } catch (EOFException e) {
            throw new ReplayFormatException("corrupt: a section is shorter than its contents need");
        } catch (IOException | IllegalArgumentException e) {
            throw new ReplayFormatException("corrupt: " + e.getMessage());
        }
    }

    private static byte[] section(ByteBuffer b, String name) throws ReplayFormatException {
        if (b.remaining() < 4) {
            throw new ReplayFormatException("truncated: the file ends before the " + name + " section (at byte " + b.position() + ")");
        }
        int length = b.getInt();
        if (length < 0 || length > MAX_SECTION) {
            throw new ReplayFormatException("corrupt " + name + " section: impossible length " + length);
        }
        if (b.remaining() < length + 4) {
            throw new ReplayFormatException("truncated: the file ends inside the " + name + " section (needs " + (length + 4)
                    + " more bytes at byte " + b.position() + ", has " + b.remaining() + ")");
        }
        byte[] body = new byte[length];
        b.get(body);
        int stored = b.getInt();
        CRC32 crc = new CRC32();
        crc.update(body);
        if ((int) crc.getValue() != stored) {
            throw new ReplayFormatException("corrupt " + name + " section: CRC-32 mismatch (the file was damaged)");
        }
        return body;
    }

    private static Header parseHeader(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        String engine = in.readUTF();
        int sim = in.readInt();
        String hash = in.readUTF();
        String c1 = in.readUTF();
        String c2 = in.readUTF();
        MatchConfig config = new MatchConfig(in.readInt(), in.readInt(), in.readInt(), in.readInt());
        long seed = in.readLong();
        String p1 = in.readUTF();
        String h1 = in.readUTF();
        String p2 = in.readUTF();
        String h2 = in.readUTF();
        int sticky = in.readInt();
        int delay = in.readInt();
        int interval = in.readInt();
        if (interval < 1) {
            throw new IOException("checksum interval " + interval + " must be at least 1");
        }
        return new Header(engine, sim, hash, c1, c2, config, seed, p1, h1, p2, h2, sticky, delay, interval);
    }

    private static int[] parseInputs(byte[] compressed) throws IOException {
        Inflater inf = new Inflater();
        inf.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 8);
        byte[] chunk = new byte[8192];
        try {
            while (!inf.finished()) {
                int n = inf.inflate(chunk);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IOException("the input stream is cut short");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_SECTION) {
                    throw new IOException("the input stream inflates past " + MAX_SECTION + " bytes");
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("the input stream does not inflate: " + e.getMessage());
        } finally {
            inf.end();
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
        int frames = b.getInt();
        if (frames < 0 || b.remaining() != frames * 4L) {
            throw new IOException("the input stream holds " + b.remaining() + " bytes for " + frames + " frames");
        }
        int[] inputs = new int[frames];
        for (int i = 0; i < frames; i++) {
            inputs[i] = b.getInt();
            if (((inputs[i] & 0xFFFF) & ~io.kumite.engine.FrameInput.ALL) != 0 || ((inputs[i] >>> 16) & ~io.kumite.engine.FrameInput.ALL) != 0) {
                throw new IOException("frame " + (i + 1) + " has an input with unknown bits");
            }
        }
        return inputs;
    }

    /** Short form of a hash for display. */
    public static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
