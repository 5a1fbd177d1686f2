package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.arena.ArenaServer;
import io.kumite.arena.ArenaServerConfig;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.env.RemoteVecEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard (docker/grafana/dashboards/kumite.json) asks only for what the server
 * exports: a real server is stepped, /metrics is scraped over HTTP, and every metric name in every
 * panel's PromQL (and every label="value" matcher) is found in the scrape. A renamed metric breaks
 * this test, not a dashboard nobody looks at until the day it is needed.
 */
class DashboardTest {
    static final Path FILE = ArchitectureTest.root().resolve("docker/grafana/dashboards/kumite.json");

    @Test
    void everyQueryUsesMetricsTheServerExports() throws Exception {
        Map<String, Object> dashboard = dashboard();
        List<String> exprs = exprs(dashboard);
        assertTrue(exprs.size() >= 10, "the dashboard has its queries: " + exprs.size());

        ArenaServer server = new ArenaServer(Roster.builtIn(), new ArenaServerConfig(0, 64, 64, 64, 16 << 20, 0, 1)).start();
        String scrape;
        try {
            int metricsPort = server.metrics().serve(0);
            // Traffic: steps, finished episodes (max_frames ends them quickly) and a refused call.
            Map<String, String> settings = Map.of("width", "16", "height", "16", "max_frames", "40");
            try (RemoteVecEnv env = new RemoteVecEnv(List.of("127.0.0.1:" + server.port()), "atari84", settings, 4, null)) {
                env.reset(3);
                for (int t = 0; t < 30; t++) {
                    env.step(new int[4]);
                }
                try {
                    env.step(new int[] {0, 0, 0, 99});
                } catch (IllegalStateException refused) {
                    // INVALID_ARGUMENT: counted in kumite_errors_total{code="INVALID_ARGUMENT"}
                }
            }
            scrape = FaultsTest.scrape(metricsPort);
        } finally {
            server.stop(1);
        }
        Set<String> exported = exported(scrape);
        Set<String> used = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (String expr : exprs) {
            Set<String> names = metricNames(expr);
            assertFalse(names.isEmpty(), "no metric found in " + expr);
            for (String name : names) {
                used.add(name);
                if (!exported.contains(name)) {
                    missing.add(name + " (in " + expr + ")");
                }
            }
            for (String[] selector : matchers(expr)) {
                if (scrape.lines().noneMatch(l -> l.startsWith(selector[0] + "{") && l.contains(selector[1]))) {
                    missing.add(selector[0] + "{" + selector[1] + "} (in " + expr + ")");
                }
            }
        }
        assertEquals(List.of(), missing, "the dashboard asks for series the server does not export");
        // The extraction is not vacuous: the dashboard covers steps, latency, arenas, errors and episodes.
        assertTrue(used.containsAll(Set.of("kumite_env_steps_total", "kumite_step_batch_duration_seconds_bucket", "kumite_arenas_active",
                "kumite_errors_total", "kumite_episodes_total")), used.toString());
        assertTrue(metric(scrape, "kumite_episodes_total") > 0 && metric(scrape, "kumite_errors_total") > 0, "the traffic shows");
        System.out.println("dashboard: " + exprs.size() + " queries over " + used.size() + " metrics, all exported: " + used);
    }

    @Test
    void metricNamesAreFoundInPromql() {
        assertEquals(Set.of("x_bucket"), metricNames("histogram_quantile(0.99, sum by (le) (rate(x_bucket{a=\"b\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b"), metricNames("sum without (code) (rate(a_total[5m])) / on(instance) group_left b > 0"));
        assertEquals(Set.of("up"), metricNames("count(up{job=~\"kumite.*\"} offset 5m)"));
        assertEquals(List.of("jvm_memory_used_bytes", "area=\"heap\""), List.of(matchers("sum(jvm_memory_used_bytes{area=\"heap\"})").get(0)));
    }

    // ------------------------------------------------------------------ the dashboard

    @SuppressWarnings("unchecked")
    static Map<String, Object> dashboard() throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(FILE), FILE.toString());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
        return (List<Map<String, Object>>) dashboard.get("panels");
    }

    @SuppressWarnings("unchecked")
    static List<String> exprs(Map<String, Object> dashboard) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> panel : panels(dashboard)) {
            List<Map<String, Object>> targets = (List<Map<String, Object>>) panel.get("targets");
            assertFalse(targets == null || targets.isEmpty(), "panel " + panel.get("title") + " has queries");
            for (Map<String, Object> t : targets) {
                out.add((String) t.get("expr"));
            }
        }
        return out;
    }

    /** The datasource uids the panels and their queries name. */
    @SuppressWarnings("unchecked")
    static List<Object> datasourceUids(Map<String, Object> dashboard) {
        Set<Object> uids = new LinkedHashSet<>();
        for (Map<String, Object> panel : panels(dashboard)) {
            uids.add(((Map<String, Object>) panel.get("datasource")).get("uid"));
            for (Map<String, Object> t : (List<Map<String, Object>>) panel.get("targets")) {
                uids.add(((Map<String, Object>) t.get("datasource")).get("uid"));
            }
        }
        return List.copyOf(uids);
    }

    // ------------------------------------------------------------------ PromQL and the exposition format

    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
            "group_left", "group_right", "inf", "nan");

    /** The metric names a PromQL expression selects: identifiers that are not functions, keywords, labels or variables. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")   // string literals
                .replaceAll("\\{[^}]*}", " ")                                  // label matchers
                .replaceAll("\\[[^\\]]*\\]", " ")                              // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\$\\{?\\w+}?", " ");                             // Grafana variables
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(s);
        while (m.find()) {
            String rest = s.substring(m.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Selectors with one equality matcher, {@code name{label="value"}}, as {name, label="value"}: some series must have it. */
    static List<String[]> matchers(String expr) {
        List<String[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(\\w+=\"[^\"]*\")}").matcher(expr);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    /** Metric names with at least one sample line in a Prometheus text scrape. */
    static Set<String> exported(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** The sum of a metric's samples. */
    static double metric(String scrape, String name) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
