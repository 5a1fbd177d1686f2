package io.kumite.policies.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Match records as CSV: a header naming at least {@code player_a,player_b,score_a} (other columns
 * are ignored), then one row per game with a's score 1, 0.5 or 0. Fields may be double-quoted.
 * A malformed row is an error naming its line.
 */
public final class ResultsCsv {
    private ResultsCsv() {}

    public static final String HEADER = "player_a,player_b,score_a";

    public static List<Elo.Game> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    public static List<Elo.Game> parse(List<String> lines, String source) {
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new IllegalArgumentException(source + " is empty; expected a header " + HEADER + " and one row per game");
        }
        List<String> header = split(lines.get(first), source, first + 1);
        int a = header.indexOf("player_a");
        int b = header.indexOf("player_b");
        int s = header.indexOf("score_a");
        if (a < 0 || b < 0 || s < 0) {
            throw new IllegalArgumentException(source + " line " + (first + 1) + ": the header must name the columns " + HEADER
                    + ", got " + lines.get(first).trim());
        }
        List<Elo.Game> games = new ArrayList<>();
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int n = i + 1;
            List<String> f = split(line, source, n);
            if (f.size() != header.size()) {
                throw new IllegalArgumentException(source + " line " + n + ": expected " + header.size() + " fields like the header, got "
                        + f.size() + ": " + line.trim());
            }
            String pa = f.get(a).trim();
            String pb = f.get(b).trim();
            if (pa.isEmpty() || pb.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + n + ": empty player name");
            }
            if (pa.equals(pb)) {
                throw new IllegalArgumentException(source + " line " + n + ": " + pa + " cannot play itself");
            }
            double score;
            try {
                score = Double.parseDouble(f.get(s).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " line " + n + ": score_a must be 1, 0.5 or 0, got \"" + f.get(s).trim() + "\"");
            }
            if (score != 0 && score != 0.5 && score != 1) {
                throw new IllegalArgumentException(source + " line " + n + ": score_a must be 1, 0.5 or 0 (one row per game), got " + score);
            }
            games.add(new Elo.Game(pa, pb, score));
        }
        if (games.isEmpty()) {
            throw new IllegalArgumentException(source + " has a header but no games");
        }
        return games;
    }

    private static List<String> split(String line, String source, int n) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(source + " line " + n + ": unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }

    /** One CSV field, quoted when needed. */
    public static String field(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
