package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of SPEC §1, checked on the sources: the engine imports nothing heavy (no gRPC,
 * protobuf, DJL or libGDX) and the arena never pulls in DJL or libGDX.
 */
class ArchitectureTest {
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("kumite"))) {
            p = p.getParent();
        }
        return p;
    }

    static List<String> violations(String module, String... forbidden) throws IOException {
        Path src = root().resolve(module).resolve("src/main/java");
        List<String> bad = new ArrayList<>();
        if (!Files.isDirectory(src)) {
            return bad;
        }
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                for (String line : Files.readAllLines(f)) {
                    for (String prefix : forbidden) {
                        if (line.startsWith("import " + prefix) || line.startsWith("import static " + prefix)) {
                            bad.add(root().relativize(f) + ": " + line);
                        }
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void engineImportsNothingHeavy() throws IOException {
        assertTrue(Files.isDirectory(root().resolve("engine/core/src/main/java/io/kumite/engine/sim")), "engine sources not found from " + root());
        assertEquals(List.of(), violations("engine/core", "io.grpc", "com.google.protobuf", "ai.djl", "com.badlogic", "io.kumite.proto",
                "io.kumite.arena", "io.kumite.policies", "io.kumite.viewer", "java.util.Random", "java.util.HashMap"));
    }

    @Test
    void arenaNeverLoadsTrainersOrTheViewer() throws IOException {
        assertEquals(List.of(), violations("arena", "ai.djl", "com.badlogic", "io.kumite.policies", "io.kumite.viewer"));
    }

    @Test
    void trainersNeverLoadTheViewerAndProtoIsGeneratedOnly() throws IOException {
        assertEquals(List.of(), violations("policies", "com.badlogic", "io.kumite.viewer", "io.kumite.arena"));
        assertTrue(!Files.isDirectory(root().resolve("proto/src/main/java")), "proto/ holds .proto files only: no hand-written Java");
    }

    @Test
    void noWallClockOrRandomInTheSimulation() throws IOException {
        Path sim = root().resolve("engine/core/src/main/java/io/kumite/engine");
        try (Stream<Path> files = Files.walk(sim)) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                // Code only: comments may name what they forbid.
                String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                for (String banned : new String[] {"Math.random", "System.currentTimeMillis", "System.nanoTime", "new Thread", "new Random("}) {
                    assertTrue(!text.contains(banned), root().relativize(f) + " uses " + banned);
                }
            }
        }
    }
}
