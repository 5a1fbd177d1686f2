package io.kumite.policies.report;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A TensorBoard event file ({@code events.out.tfevents.<seconds>.kumite}) written without TensorFlow:
 * TFRecord framing (length, masked CRC32C of the length, the record, masked CRC32C of the record)
 * around {@code Event} protocol buffers encoded here by field number. It holds scalar summaries
 * (one {@code Summary.Value.simple_value} per metric, keyed by step, as {@code SummaryWriter.add_scalar}
 * writes them) and text summaries (a string tensor for TensorBoard's text plugin, as
 * {@code add_text}). Every record is flushed as it is written, so a run that is killed leaves a
 * readable file; a resumed run opens a new file beside the old ones, as TensorBoard expects.
 */
public final class EventFile implements Closeable {
    private final OutputStream out;
    private final Path path;

    private EventFile(Path path) throws IOException {
        this.path = path;
        this.out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        write(event(now(), 0, b -> string(b, 3, "brain.Event:2")));
    }

    /** Opens a new event file in {@code dir} (created if missing), named as TensorBoard looks for it. */
    public static EventFile open(Path dir) throws IOException {
        Files.createDirectories(dir);
        long seconds = System.currentTimeMillis() / 1000;
        for (int i = 0; ; i++) {
            Path p = dir.resolve("events.out.tfevents." + seconds + ".kumite" + (i == 0 ? "" : "." + i));
            if (!Files.exists(p)) {
                return new EventFile(p);
            }
        }
    }

    /**
     * Opens a new event file in {@code dir} and writes {@code hyperparameters} as the run's
     * "hyperparameters" text at {@code step} (the table CleanRL logs), as every trainer starts.
     */
    public static EventFile open(Path dir, long step, Map<String, ?> hyperparameters) throws IOException {
        EventFile f = open(dir);
        try {
            f.text(step, "hyperparameters", table(hyperparameters));
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    public Path path() {
        return path;
    }

    /** One scalar event per number in {@code metrics} (other values are skipped), all at {@code step}. */
    public void scalars(long step, Map<String, ?> metrics) throws IOException {
        double wall = now();
        for (Map.Entry<String, ?> e : metrics.entrySet()) {
            if (e.getValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                scalar(wall, step, e.getKey(), n.floatValue());
            }
        }
        out.flush();
    }

    public void scalar(long step, String tag, float value) throws IOException {
        scalar(now(), step, tag, value);
        out.flush();
    }

    private void scalar(double wall, long step, String tag, float value) throws IOException {
        byte[] v = message(b -> {
            string(b, 1, tag);
            b.write(tag(2, 5));
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                b.write(bits >>> (8 * i));
            }
        });
        write(event(wall, step, b -> bytes(b, 5, message(s -> bytes(s, 1, v)))));
    }

    /** A text summary (markdown), shown by TensorBoard's text plugin, as {@code add_text} writes it. */
    public void text(long step, String tag, String markdown) throws IOException {
        byte[] metadata = message(m -> bytes(m, 1, message(p -> string(p, 1, "text"))));
        byte[] tensor = message(t -> {
            varint(t, tag(1, 0));
            varint(t, 7); // DT_STRING
            bytes(t, 2, new byte[0]); // a scalar: a shape with no dimensions
            bytes(t, 8, markdown.getBytes(StandardCharsets.UTF_8));
        });
        byte[] v = message(b -> {
            string(b, 1, tag);
            bytes(b, 9, metadata);
            bytes(b, 8, tensor);
        });
        write(event(now(), step, b -> bytes(b, 5, message(s -> bytes(s, 1, v)))));
        out.flush();
    }

    /** {@code base} followed by the given key, value pairs, in order: a trainer's settings for {@link #open(Path, long, Map)}. */
    public static Map<String, Object> settings(Map<String, ?> base, Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return m;
    }

    /** A settings map as the two-column markdown table CleanRL logs as its "hyperparameters" text. */
    public static String table(Map<String, ?> settings) {
        StringBuilder b = new StringBuilder("|param|value|\n|-|-|\n");
        settings.forEach((k, v) -> b.append('|').append(k).append('|').append(v).append("|\n"));
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private interface Body {
        void write(ByteArrayOutputStream b) throws IOException;
    }

    private static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        body.write(b);
        return b.toByteArray();
    }

    private static byte[] event(double wall, long step, Body rest) throws IOException {
        return message(b -> {
            b.write(tag(1, 1));
            long bits = Double.doubleToLongBits(wall);
            for (int i = 0; i < 8; i++) {
                b.write((int) (bits >>> (8 * i)));
            }
            varint(b, tag(2, 0));
            varint(b, step);
            rest.write(b);
        });
    }

    private void write(byte[] record) throws IOException {
        byte[] length = new byte[8];
        for (int i = 0; i < 8; i++) {
            length[i] = (byte) ((long) record.length >>> (8 * i));
        }
        out.write(length);
        writeInt(maskedCrc(length));
        out.write(record);
        writeInt(maskedCrc(record));
    }

    private void writeInt(int v) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
    }

    /** TFRecord's masked CRC32C: rotated right by 15 bits, plus a constant. */
    static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b.write((int) v);
    }

    private static void bytes(ByteArrayOutputStream b, int field, byte[] data) {
        varint(b, tag(field, 2));
        varint(b, data.length);
        b.write(data, 0, data.length);
    }

    private static void string(ByteArrayOutputStream b, int field, String s) {
        bytes(b, field, s.getBytes(StandardCharsets.UTF_8));
    }
}
