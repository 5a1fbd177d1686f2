package io.kumite.policies.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {
    @TempDir
    Path tmp;

    @Test
    void crc32cMatchesTheKnownCheckValue() {
        // The CRC-32C check value of "123456789" (RFC 3720, iSCSI).
        assertEquals(0xE3069283, EventFileReader.crc32c("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(EventFileReader.crc32c(new byte[] {1, 2, 3}), crc32cOfJdk(new byte[] {1, 2, 3}));
    }

    private static int crc32cOfJdk(byte[] data) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(data);
        return (int) c.getValue();
    }

    @Test
    void scalarsAndTextReadBackByAnIndependentParser() throws IOException {
        Path file;
        try (EventFile w = EventFile.open(tmp.resolve("tb"))) {
            file = w.path();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("global_step", 512);
            m.put("charts/episodic_return", -0.25);
            m.put("losses/value_loss", 1.5e-3);
            m.put("note", "not a number");
            m.put("nan", Double.NaN);
            w.scalars(512, m);
            w.scalar(1024, "charts/SPS", 170f);
            w.text(0, "hyperparameters", EventFile.table(Map.of("lr", 2.5e-4)));
        }
        assertTrue(file.getFileName().toString().startsWith("events.out.tfevents."), file.toString());
        EventFileReader.Contents c = EventFileReader.read(file);
        assertEquals("brain.Event:2", c.fileVersion());
        List<EventFileReader.Value> v = c.values();
        assertEquals(5, v.size(), v.toString()); // 3 numbers, the SPS scalar, the text; no string, no NaN
        assertEquals("global_step", v.get(0).tag());
        assertEquals(512, v.get(0).step());
        assertEquals(512f, v.get(0).scalar());
        assertEquals(-0.25f, v.get(1).scalar());
        assertEquals(1.5e-3f, v.get(2).scalar());
        assertEquals(1024, v.get(3).step());
        assertEquals("hyperparameters", v.get(4).tag());
        assertEquals("text", v.get(4).plugin());
        assertEquals("|param|value|\n|-|-|\n|lr|2.5E-4|\n", v.get(4).text());
        assertTrue(Math.abs(v.get(0).wallTime() - System.currentTimeMillis() / 1000.0) < 600, "wall time in seconds");
        assertEquals(6, c.records(), "the file-version event, then one event per value");
    }

    @Test
    void aCorruptRecordIsCaught() throws IOException {
        Path file;
        try (EventFile w = EventFile.open(tmp)) {
            file = w.path();
            w.scalar(1, "x", 1f);
        }
        byte[] b = Files.readAllBytes(file);
        b[b.length - 6] ^= 1; // inside the last record
        Files.write(file, b);
        assertThrows(IllegalStateException.class, () -> EventFileReader.read(file));
    }

    @Test
    void twoWritersInOneSecondGetTwoFiles() throws IOException {
        try (EventFile a = EventFile.open(tmp); EventFile b = EventFile.open(tmp)) {
            assertTrue(!a.path().equals(b.path()));
        }
    }
}
