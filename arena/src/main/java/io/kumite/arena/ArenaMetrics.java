package io.kumite.arena;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics (Micrometer): {@code kumite_env_steps_total} (arena steps),
 * {@code kumite_step_batch_duration_seconds} (a histogram of Step call latency),
 * {@code kumite_arenas_active}, {@code kumite_episodes_total{outcome}} and
 * {@code kumite_errors_total{code}}, plus JVM metrics. No per-arena labels. Thread-safe.
 */
public final class ArenaMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter steps;
    private final Timer batch;
    private final Map<Status.Code, Counter> errors = new EnumMap<>(Status.Code.class);
    private final Map<String, Counter> episodes = new ConcurrentHashMap<>();
    private HttpServer http;

    public ArenaMetrics() {
        steps = Counter.builder("kumite.env.steps").description("Arena steps (one per arena per Step call)").register(registry);
        batch = Timer.builder("kumite.step.batch.duration").description("Time to serve one Step call")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
        for (Status.Code code : Status.Code.values()) {
            if (code != Status.Code.OK) {
                errors.put(code, Counter.builder("kumite.errors").description("Refused or failed calls by status code")
                        .tag("code", code.name()).register(registry));
            }
        }
        for (String outcome : new String[] {"win", "loss", "draw", "truncated"}) {
            episodes.put(outcome, Counter.builder("kumite.episodes").description("Episodes ended, by the first agent's outcome")
                    .tag("outcome", outcome).register(registry));
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    void watchArenas(IntSupplier active) {
        Gauge.builder("kumite.arenas.active", active::getAsInt).description("Arenas open on this server").register(registry);
    }

    void stepped(int arenas, long nanos) {
        steps.increment(arenas);
        batch.record(Duration.ofNanos(nanos));
    }

    void episodeEnded(String outcome) {
        Counter c = episodes.get(outcome);
        if (c != null) {
            c.increment();
        }
    }

    void error(Status.Code code) {
        Counter c = errors.get(code);
        if (c != null) {
            c.increment();
        }
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    /** Serves {@code GET /metrics} on {@code port} (0 = any) of the loopback interface; returns the bound port. */
    public int serve(int port) throws IOException {
        return serve(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port)).getPort();
    }

    /** Serves {@code GET /metrics} on {@code address} (port 0 = any); returns the address bound. */
    public InetSocketAddress serve(InetSocketAddress address) throws IOException {
        http = HttpServer.create(address, 0);
        http.createContext("/metrics", exchange -> {
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http.getAddress();
    }

    public void stop() {
        if (http != null) {
            http.stop(0);
        }
        registry.close();
    }
}
