package io.kumite.engine.fighter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, validating access to one JSON object of a data file. Every error names the file, the field
 * path and the reason; {@link #done()} rejects fields nobody asked for (typos).
 */
final class DataReader {
    private final String file;
    private final String path;
    private final Map<String, Object> map;
    private final Set<String> used = new HashSet<>();

    DataReader(String file, String path, Map<String, Object> map) {
        this.file = file;
        this.path = path;
        this.map = map;
    }

    @SuppressWarnings("unchecked")
    static DataReader root(String file, Object parsed) {
        if (!(parsed instanceof Map)) {
            throw new CharacterDataException(file + ": the top level must be a JSON object");
        }
        return new DataReader(file, "", (Map<String, Object>) parsed);
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    CharacterDataException error(String name, String reason) {
        return new CharacterDataException(file + ": field " + field(name) + ": " + reason);
    }

    boolean has(String name) {
        return map.containsKey(name);
    }

    private Object get(String name) {
        used.add(name);
        if (!map.containsKey(name)) {
            throw error(name, "is required but missing");
        }
        return map.get(name);
    }

    String string(String name) {
        Object v = get(name);
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw error(name, "must be a non-empty string, got " + describe(v));
        }
        return (String) v;
    }

    String string(String name, String fallback) {
        return has(name) ? string(name) : mark(name, fallback);
    }

    int integer(String name, int min, int max) {
        Object v = get(name);
        if (!(v instanceof Long)) {
            throw error(name, "must be an integer in " + min + ".." + max + ", got " + describe(v));
        }
        long l = (Long) v;
        if (l < min || l > max) {
            throw error(name, "must be an integer in " + min + ".." + max + ", got " + l);
        }
        return (int) l;
    }

    int integer(String name, int fallback, int min, int max) {
        return has(name) ? integer(name, min, max) : mark(name, fallback);
    }

    double number(String name, double min, double max) {
        Object v = get(name);
        if (!(v instanceof Number)) {
            throw error(name, "must be a number in " + min + ".." + max + ", got " + describe(v));
        }
        double d = ((Number) v).doubleValue();
        if (!(d >= min && d <= max)) {
            throw error(name, "must be a number in " + min + ".." + max + ", got " + d);
        }
        return d;
    }

    double number(String name, double fallback, double min, double max) {
        return has(name) ? number(name, min, max) : mark(name, fallback);
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return mark(name, fallback);
        }
        Object v = get(name);
        if (!(v instanceof Boolean)) {
            throw error(name, "must be true or false, got " + describe(v));
        }
        return (Boolean) v;
    }

    @SuppressWarnings("unchecked")
    DataReader object(String name) {
        Object v = get(name);
        if (!(v instanceof Map)) {
            throw error(name, "must be an object, got " + describe(v));
        }
        return new DataReader(file, field(name), (Map<String, Object>) v);
    }

    DataReader object(String name, boolean optional) {
        return optional && !has(name) ? null : object(name);
    }

    @SuppressWarnings("unchecked")
    List<DataReader> objects(String name, int minCount, int maxCount) {
        if (minCount == 0 && !has(name)) {
            used.add(name);
            return List.of();
        }
        Object v = get(name);
        if (!(v instanceof List)) {
            throw error(name, "must be an array of objects, got " + describe(v));
        }
        List<Object> l = (List<Object>) v;
        if (l.size() < minCount || l.size() > maxCount) {
            throw error(name, "must have " + minCount + ".." + maxCount + " entries, got " + l.size());
        }
        List<DataReader> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Object o = l.get(i);
            String p = field(name) + "[" + i + "]";
            if (!(o instanceof Map)) {
                throw new CharacterDataException(file + ": field " + p + ": must be an object, got " + describe(o));
            }
            out.add(new DataReader(file, p, (Map<String, Object>) o));
        }
        return out;
    }

    /** A {@code [from, to]} pair of integers with {@code min <= from <= to <= max}. */
    @SuppressWarnings("unchecked")
    int[] range(String name, int min, int max) {
        Object v = get(name);
        if (!(v instanceof List) || ((List<Object>) v).size() != 2
                || !(((List<Object>) v).get(0) instanceof Long) || !(((List<Object>) v).get(1) instanceof Long)) {
            throw error(name, "must be a pair of integers [from, to], got " + describe(v));
        }
        long a = (Long) ((List<Object>) v).get(0);
        long b = (Long) ((List<Object>) v).get(1);
        if (a < min || b > max || a > b) {
            throw error(name, "must satisfy " + min + " <= from <= to <= " + max + ", got [" + a + ", " + b + "]");
        }
        return new int[] {(int) a, (int) b};
    }

    /** Fails on any field that was never read: a typo must not be silently ignored. */
    void done() {
        for (String k : map.keySet()) {
            if (!used.contains(k)) {
                throw error(k, "is not a known field (check the spelling; see docs/characters.md)");
            }
        }
    }

    private <T> T mark(String name, T fallback) {
        used.add(name);
        return fallback;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "\"" + v + "\"";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        return v.toString();
    }
}
