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

    /** The Java source files under {@code module}/src/{@code set}/java. */
    static List<Path> sources(String module, String set) throws IOException {
        Path src = root().resolve(module).resolve("src").resolve(set).resolve("java");
        if (!Files.isDirectory(src)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(x -> x.toString().endsWith(".java")).sorted().toList();
        }
    }

    static final List<String> MODULES = List.of("engine/core", "engine/viewer", "arena", "policies", "cli");

    /** Code without comments and string literals, so that they may name what the rules forbid. */
    static String code(Path f) throws IOException {
        return Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "").replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    /**
     * The per-agent info record is read by field name through {@code Info}, in every module and its
     * tests: no {@code infos[o + 6]}, no {@code infos()[11]}, no outcome codes compared as numbers.
     */
    @Test
    void theInfoRecordIsReadByNameOnly() throws IOException {
        java.util.regex.Pattern positional = java.util.regex.Pattern.compile(
                "\\binfos?(\\(\\))?\\[(\\s*\\d+\\s*|[^\\]]*\\+\\s*\\d+\\s*)\\]"
                + "|\\boutcome\\s*[=!]=\\s*\\d|\\bINFO_FIELDS\\b");
        List<String> bad = new ArrayList<>();
        int scanned = 0;
        for (String module : MODULES) {
            for (String set : List.of("main", "test")) {
                for (Path f : sources(module, set)) {
                    if (f.getFileName().toString().equals("Info.java")) {
                        continue;
                    }
                    scanned++;
                    java.util.regex.Matcher m = positional.matcher(code(f));
                    while (m.find()) {
                        bad.add(root().relativize(f) + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(scanned > 100, "sources found: " + scanned);
        assertEquals(List.of(), bad, "read info fields with Info.get(infos, slot, Info.Field.X) and outcomes with Info.outcome");
    }

    /** A public static final array can be written by anyone: constants are primitives, lists or accessors. */
    @Test
    void noWritablePublicArrays() throws IOException {
        java.util.regex.Pattern array = java.util.regex.Pattern.compile("public\\s+static\\s+final\\s+[\\w.<>]+\\s*\\[\\s*\\]");
        List<String> bad = new ArrayList<>();
        for (String module : MODULES) {
            for (Path f : sources(module, "main")) {
                java.util.regex.Matcher m = array.matcher(code(f));
                while (m.find()) {
                    bad.add(root().relativize(f) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), bad, "make the array private and give an accessor, or use List.of");
    }

    /**
     * No import cycle between the packages of any module (Tarjan's strongly connected components over
     * the imports and fully qualified names of each package's main sources): the packages are layers.
     */
    @Test
    void noPackageCycles() throws IOException {
        java.util.regex.Pattern ref = java.util.regex.Pattern.compile("\\b(io\\.kumite\\.[a-z][\\w.]*?)\\.[A-Z]");
        java.util.regex.Pattern pkg = java.util.regex.Pattern.compile("(?m)^package ([\\w.]+);");
        for (String module : MODULES) {
            java.util.Map<String, java.util.Set<String>> edges = new java.util.TreeMap<>();
            for (Path f : sources(module, "main")) {
                String text = code(f);
                java.util.regex.Matcher p = pkg.matcher(text);
                assertTrue(p.find(), f + " has a package line");
                java.util.Set<String> out = edges.computeIfAbsent(p.group(1), k -> new java.util.TreeSet<>());
                java.util.regex.Matcher m = ref.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(p.group(1))) {
                        out.add(m.group(1));
                    }
                }
            }
            edges.values().forEach(out -> out.retainAll(edges.keySet()));
            assertEquals(List.of(), cycles(edges), module + ": package cycles (see the layers in docs/architecture.md)");
        }
    }

    /** The strongly connected components of more than one package, each sorted, in order of their first package. */
    static List<List<String>> cycles(java.util.Map<String, java.util.Set<String>> edges) {
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        java.util.Map<String, Integer> low = new java.util.HashMap<>();
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        List<List<String>> found = new ArrayList<>();
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, edges, index, low, stack, found);
            }
        }
        found.sort(java.util.Comparator.comparing(c -> c.get(0)));
        return found;
    }

    private static void connect(String v, java.util.Map<String, java.util.Set<String>> edges, java.util.Map<String, Integer> index,
                                java.util.Map<String, Integer> low, java.util.Deque<String> stack, List<List<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : edges.get(v)) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                found.add(component);
            }
        }
    }
}
