package io.kumite.policies.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TensorBoard event file reader for the tests, written apart from {@link EventFile}: its own CRC32C
 * (bit by bit, the Castagnoli polynomial) and mask, TFRecord framing, and the {@code Event},
 * {@code Summary}, {@code Summary.Value} and {@code TensorProto} fields read by number as TensorFlow's
 * event.proto and summary.proto define them. Unknown fields are skipped, as a protobuf parser does.
 */
public final class EventFileReader {
    /** One value of one event: a scalar (text null) or a text summary (plugin "text"). */
    public record Value(double wallTime, long step, String tag, float scalar, String text, String plugin) {}

    public record Contents(String fileVersion, List<Value> values, int records) {}

    private EventFileReader() {}

    public static Contents read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        String version = null;
        List<Value> values = new ArrayList<>();
        int records = 0;
        while (in.hasRemaining()) {
            byte[] lengthBytes = new byte[8];
            in.get(lengthBytes);
            long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            check(in.getInt(), lengthBytes, "length of record " + records);
            byte[] record = new byte[Math.toIntExact(length)];
            in.get(record);
            check(in.getInt(), record, "record " + records);
            records++;
            double wall = 0;
            long step = 0;
            List<byte[]> summaries = new ArrayList<>();
            Fields f = new Fields(record);
            while (f.next()) {
                switch (f.field) {
                    case 1 -> wall = Double.longBitsToDouble(f.fixed64);
                    case 2 -> step = f.varint;
                    case 3 -> version = new String(f.bytes, StandardCharsets.UTF_8);
                    case 5 -> summaries.add(f.bytes);
                    default -> { }
                }
            }
            for (byte[] summary : summaries) {
                Fields s = new Fields(summary);
                while (s.next()) {
                    if (s.field == 1) {
                        values.add(value(wall, step, s.bytes));
                    }
                }
            }
        }
        return new Contents(version, values, records);
    }

    private static Value value(double wall, long step, byte[] v) {
        String tag = null;
        float scalar = Float.NaN;
        String text = null;
        String plugin = null;
        Fields f = new Fields(v);
        while (f.next()) {
            switch (f.field) {
                case 1 -> tag = new String(f.bytes, StandardCharsets.UTF_8);
                case 2 -> scalar = Float.intBitsToFloat(f.fixed32);
                case 8 -> { // TensorProto: dtype 1, string_val 8
                    Fields t = new Fields(f.bytes);
                    while (t.next()) {
                        if (t.field == 1 && t.varint != 7) {
                            throw new IllegalStateException("text tensor of dtype " + t.varint + ", not DT_STRING");
                        }
                        if (t.field == 8) {
                            text = new String(t.bytes, StandardCharsets.UTF_8);
                        }
                    }
                }
                case 9 -> { // SummaryMetadata.plugin_data (1).plugin_name (1)
                    Fields m = new Fields(f.bytes);
                    while (m.next()) {
                        if (m.field == 1) {
                            Fields p = new Fields(m.bytes);
                            while (p.next()) {
                                if (p.field == 1) {
                                    plugin = new String(p.bytes, StandardCharsets.UTF_8);
                                }
                            }
                        }
                    }
                }
                default -> { }
            }
        }
        return new Value(wall, step, tag, scalar, text, plugin);
    }

    private static void check(int stored, byte[] data, String what) {
        int crc = crc32c(data);
        int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
        if (stored != masked) {
            throw new IllegalStateException("bad masked CRC32C of " + what + ": stored " + Integer.toHexString(stored)
                    + ", computed " + Integer.toHexString(masked));
        }
    }

    static int crc32c(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    /** A protobuf wire-format field cursor. */
    private static final class Fields {
        private final byte[] data;
        private int pos;
        int field;
        long varint;
        long fixed64;
        int fixed32;
        byte[] bytes;

        Fields(byte[] data) {
            this.data = data;
        }

        boolean next() {
            if (pos >= data.length) {
                return false;
            }
            long key = readVarint();
            field = (int) (key >>> 3);
            switch ((int) (key & 7)) {
                case 0 -> varint = readVarint();
                case 1 -> {
                    fixed64 = ByteBuffer.wrap(data, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                    pos += 8;
                }
                case 2 -> {
                    int n = Math.toIntExact(readVarint());
                    bytes = java.util.Arrays.copyOfRange(data, pos, pos + n);
                    pos += n;
                }
                case 5 -> {
                    fixed32 = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    pos += 4;
                }
                default -> throw new IllegalStateException("wire type " + (key & 7) + " at byte " + pos);
            }
            return true;
        }

        private long readVarint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = data[pos++];
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
        }
    }
}
