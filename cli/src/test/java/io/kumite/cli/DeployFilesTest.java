package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files of docker/ (there is no Docker engine or Kubernetes cluster here, so these
 * are checked as data): every Kubernetes manifest deserializes into the Kubernetes API types of its
 * apiVersion/kind (fabric8's models, generated from the Kubernetes OpenAPI) with no unknown field
 * anywhere, and says what the server really does (ports, probes, drain time, names the trainer
 * uses); the compose file wires three arena servers, a trainer, Prometheus and Grafana together;
 * the Dockerfiles are multi-stage, non-root, with a health check.
 */
class DeployFilesTest {
    static final Path DOCKER = ArchitectureTest.root().resolve("docker");
    static final JsonMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The Kubernetes API types the manifests may use, by "apiVersion/kind". */
    static final Map<String, Class<?>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "batch/v1/Job", Job.class);

    // ------------------------------------------------------------------ Kubernetes

    @Test
    void everyManifestIsAValidKubernetesObject() throws IOException {
        List<Object> objects = manifests();
        assertEquals(List.of("Namespace", "Service", "StatefulSet", "PodDisruptionBudget", "PersistentVolumeClaim", "Job"),
                objects.stream().map(o -> o.getClass().getSimpleName()).toList());
    }

    @Test
    void theValidatorRejectsWhatKubernetesWouldReject() {
        // A misspelt field, a field at the wrong level, a wrong type and a missing kind: each is caught.
        assertRejected("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n"
                + "      terminationGracePeriodSecond: 35\n", "terminationGracePeriodSecond");
        assertRejected("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  clusterIP: None\n  containers: []\n", "containers");
        assertRejected("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: a}\nspec: {replicas: three}\n", "replicas");
        assertRejected("apiVersion: v1\nmetadata: {name: a}\n", "kind");
        assertRejected("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: {port: 9100}\n", "labels");
    }

    @Test
    void arenaServersAreAStatefulSetBehindAHeadlessServiceWithGrpcProbesAndADrainThatFits() throws IOException {
        Service svc = one(Service.class);
        StatefulSet sts = one(StatefulSet.class);
        PodDisruptionBudget pdb = one(PodDisruptionBudget.class);
        assertEquals("None", svc.getSpec().getClusterIP(), "headless: stable per-pod DNS names, no virtual IP");
        assertEquals(svc.getMetadata().getName(), sts.getSpec().getServiceName(), "the StatefulSet's pods get names under this Service");
        Map<String, String> podLabels = sts.getSpec().getTemplate().getMetadata().getLabels();
        assertSubset(sts.getSpec().getSelector().getMatchLabels(), podLabels, "StatefulSet selector");
        assertSubset(svc.getSpec().getSelector(), podLabels, "Service selector");
        assertSubset(pdb.getSpec().getSelector().getMatchLabels(), podLabels, "PodDisruptionBudget selector");
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), "one server at a time");

        PodSpec pod = sts.getSpec().getTemplate().getSpec();
        Container arena = pod.getContainers().get(0);
        List<String> args = arena.getArgs();
        assertEquals("serve", args.get(0));
        assertEquals("0.0.0.0", flag(args, "--bind"), "other pods reach the server: it must not listen on loopback only");
        int port = Integer.parseInt(flag(args, "--port"));
        int metrics = Integer.parseInt(flag(args, "--metrics-port"));
        assertEquals(Map.of("grpc", port, "metrics", metrics), containerPorts(arena));
        assertEquals(port, servicePort(svc, "grpc"));
        assertEquals("" + metrics, sts.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/port"));
        for (Probe p : List.of(arena.getStartupProbe(), arena.getReadinessProbe(), arena.getLivenessProbe())) {
            assertNotNull(p.getGrpc(), "native gRPC probes on grpc.health.v1");
            assertEquals(port, p.getGrpc().getPort());
        }
        assertEquals("kumite.v1.Arena", arena.getReadinessProbe().getGrpc().getService(), "ready = the Arena service serves");
        assertNotNull(arena.getResources().getRequests().get("cpu"));
        assertNotNull(arena.getResources().getRequests().get("memory"));
        assertNotNull(arena.getResources().getLimits().get("memory"));
        // ArenaServer.stop: --grace seconds for calls in flight, then shutdownNow and up to 5 s more.
        long grace = Long.parseLong(flag(args, "--grace"));
        assertTrue(pod.getTerminationGracePeriodSeconds() > grace + 5,
                "terminationGracePeriodSeconds " + pod.getTerminationGracePeriodSeconds() + " must exceed the drain (" + grace + " + 5 s)");
        assertNonRoot(pod, arena);
    }

    @Test
    void theTrainerJobNamesEveryArenaPodByItsStableName() throws IOException {
        Service svc = one(Service.class);
        StatefulSet sts = one(StatefulSet.class);
        Job job = one(Job.class);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container trainer = pod.getContainers().get(0);
        String script = String.join(" ", trainer.getArgs());
        Matcher m = Pattern.compile("servers=(\\S+)").matcher(script);
        assertTrue(m.find(), script);
        String ns = sts.getMetadata().getNamespace();
        int port = servicePort(svc, "grpc");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < sts.getSpec().getReplicas(); i++) {
            expected.add(sts.getMetadata().getName() + "-" + i + "." + svc.getMetadata().getName() + "." + ns + ".svc.cluster.local:" + port);
        }
        assertEquals(expected, List.of(m.group(1).split(",")), "one address per arena pod");
        assertTrue(script.contains("kumite train ppo --server \"$servers\""), script);
        String wait = String.join(" ", pod.getInitContainers().get(0).getArgs());
        for (int i = 0; i < sts.getSpec().getReplicas(); i++) {
            assertTrue(wait.contains("arena-" + i), "the init container waits for arena-" + i + ": " + wait);
        }
        assertTrue(List.of("OnFailure", "Never").contains(pod.getRestartPolicy()));
        assertEquals(one(PersistentVolumeClaim.class).getMetadata().getName(), pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertNotNull(trainer.getResources().getRequests().get("cpu"));
        assertNonRoot(pod, trainer);
        assertEquals(ns, job.getMetadata().getNamespace());
        assertEquals(ns, one(Namespace.class).getMetadata().getName());
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> k = yaml(DOCKER.resolve("k8s/kustomization.yaml"));
        List<String> files;
        try (Stream<Path> s = Files.list(DOCKER.resolve("k8s"))) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).sorted().toList();
        }
        assertEquals(files, ((List<?>) k.get("resources")).stream().map(Object::toString).sorted().toList());
    }

    // ------------------------------------------------------------------ compose, Prometheus, Grafana

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsThreeArenasATrainerPrometheusAndGrafana() throws IOException {
        Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml"));
        Map<String, Object> services = map(compose, "services");
        assertEquals(List.of("arena-1", "arena-2", "arena-3", "trainer", "prometheus", "grafana"), List.copyOf(services.keySet()));
        List<String> arenas = List.of("arena-1", "arena-2", "arena-3");
        List<String> hostPorts = new ArrayList<>();
        for (String name : arenas) {
            Map<String, Object> a = map(services, name);
            assertEquals("docker/arena.Dockerfile", map(a, "build").get("dockerfile"));
            List<String> cmd = strings(a.get("command"));
            assertEquals("serve", cmd.get(0));
            assertEquals("0.0.0.0", flag(cmd, "--bind"), name + ": the trainer's container reaches it: not loopback only");
            assertEquals("50051", flag(cmd, "--port"));
            assertEquals("9100", flag(cmd, "--metrics-port"));
            long grace = Long.parseLong(flag(cmd, "--grace"));
            assertTrue(seconds(a.get("stop_grace_period")) > grace + 5, name + ": stop_grace_period must exceed the drain");
            List<String> test = strings(map(a, "healthcheck").get("test"));
            assertEquals(List.of("CMD", "kumite", "health", "--server", "localhost:50051"), test, name);
            String published = strings(a.get("ports")).get(0);
            assertTrue(published.endsWith(":50051"), published);
            hostPorts.add(published.substring(0, published.indexOf(':')));
        }
        assertEquals(3, hostPorts.stream().distinct().count(), "each arena on its own host port: " + hostPorts);

        Map<String, Object> trainer = map(services, "trainer");
        assertEquals("docker/trainer.Dockerfile", map(trainer, "build").get("dockerfile"));
        Map<String, Object> deps = map(trainer, "depends_on");
        for (String name : arenas) {
            assertEquals("service_healthy", map(deps, name).get("condition"), "the trainer waits for " + name);
        }
        String command = String.join(" ", strings(trainer.get("command")));
        Matcher m = Pattern.compile("--server (\\S+)").matcher(command);
        assertTrue(m.find(), command);
        assertEquals(arenas.stream().map(a -> a + ":50051").toList(), List.of(m.group(1).split(",")));

        // Prometheus scrapes each arena's metrics port; Grafana gets the datasource and the dashboard.
        Map<String, Object> prometheus = map(services, "prometheus");
        Path promConfig = mounted(prometheus, "/etc/prometheus/prometheus.yml");
        Map<String, Object> scrape = (Map<String, Object>) ((List<?>) yaml(promConfig).get("scrape_configs")).get(0);
        List<String> targets = strings(((Map<String, Object>) ((List<?>) scrape.get("static_configs")).get(0)).get("targets"));
        assertEquals(arenas.stream().map(a -> a + ":9100").toList(), targets);
        assertEquals("/metrics", scrape.get("metrics_path"));
        assertTrue(strings(map(prometheus, "healthcheck").get("test")).contains("wget"));

        Map<String, Object> grafana = map(services, "grafana");
        assertEquals("service_healthy", map(map(grafana, "depends_on"), "prometheus").get("condition"));
        Path provisioning = mounted(grafana, "/etc/grafana/provisioning");
        Path dashboards = mounted(grafana, "/var/lib/grafana/dashboards");
        Map<String, Object> ds = (Map<String, Object>) ((List<?>) yaml(provisioning.resolve("datasources/prometheus.yaml")).get("datasources")).get(0);
        assertEquals("http://prometheus:9090", ds.get("url"));
        Map<String, Object> provider = (Map<String, Object>) ((List<?>) yaml(provisioning.resolve("dashboards/kumite.yaml")).get("providers")).get(0);
        assertEquals("/var/lib/grafana/dashboards", map(provider, "options").get("path"));
        assertTrue(Files.isRegularFile(dashboards.resolve("kumite.json")));
        assertEquals(List.of(ds.get("uid")), DashboardTest.datasourceUids(DashboardTest.dashboard()), "panels use the provisioned datasource");
        assertTrue(map(compose, "volumes").containsKey("runs"));
    }

    @Test
    void dockerfilesAreMultiStageNonRootWithAHealthCheck() throws IOException {
        for (String name : List.of("arena.Dockerfile", "trainer.Dockerfile")) {
            List<String> lines = Files.readAllLines(DOCKER.resolve(name));
            List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
            assertEquals(2, from.size(), name + ": build with Maven, run on a JRE");
            assertTrue(from.get(0).matches("FROM maven:[\\w.-]+ AS build"), from.get(0));
            assertTrue(from.get(1).matches("FROM eclipse-temurin:\\d+-jre"), from.get(1));
            int runtime = lines.indexOf(from.get(1));
            List<String> last = lines.subList(runtime, lines.size());
            assertTrue(last.stream().anyMatch(l -> l.matches("USER [1-9]\\d*:[1-9]\\d*")), name + ": runs as a non-root numeric user");
            assertTrue(last.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ")), name + ": has a health check");
            assertTrue(last.contains("ENTRYPOINT [\"kumite\"]"), name);
            for (String l : lines) {
                Matcher copy = Pattern.compile("^COPY (?:--chmod=\\d+ )?(docker/\\S+) ").matcher(l);
                if (copy.find()) {
                    assertTrue(Files.exists(ArchitectureTest.root().resolve(copy.group(1))), name + ": " + l);
                }
            }
        }
        assertTrue(Files.readString(DOCKER.resolve("trainer.Dockerfile")).contains("DJL_CACHE_DIR=/opt/djl"), "natives unpacked at build time");
        assertTrue(Files.readString(DOCKER.resolve("arena.Dockerfile")).contains("-DexcludeGroupIds=ai.djl"), "no PyTorch in the arena image");
        assertTrue(Files.isExecutable(DOCKER.resolve("kumite.sh")));
    }

    // ------------------------------------------------------------------ helpers

    /** Every manifest of docker/k8s (but the kustomization) as its Kubernetes API type, checked. */
    static List<Object> manifests() throws IOException {
        List<Object> out = new ArrayList<>();
        for (String file : List.of("namespace.yaml", "arena.yaml", "trainer.yaml")) {
            int doc = 0;
            for (Object raw : new Yaml().loadAll(Files.readString(DOCKER.resolve("k8s").resolve(file)))) {
                doc++;
                List<String> problems = new ArrayList<>();
                Object typed = validate(raw, problems);
                if (!problems.isEmpty()) {
                    fail("docker/k8s/" + file + " document " + doc + ":\n  " + String.join("\n  ", problems));
                }
                out.add(typed);
            }
        }
        return out;
    }

    static <T> T one(Class<T> type) throws IOException {
        List<T> found = manifests().stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName());
        return found.get(0);
    }

    /** The object of {@code raw}'s apiVersion/kind, or null with what is wrong added to {@code problems}. */
    static Object validate(Object raw, List<String> problems) {
        if (!(raw instanceof Map<?, ?> m) || !(m.get("apiVersion") instanceof String v) || !(m.get("kind") instanceof String k)) {
            problems.add("not a Kubernetes object: apiVersion and kind are needed");
            return null;
        }
        Class<?> type = KINDS.get(v + "/" + k);
        if (type == null) {
            problems.add("unexpected kind " + v + "/" + k + " (add it to DeployFilesTest.KINDS with its fabric8 type)");
            return null;
        }
        stringMaps(raw, k, problems);
        Object typed;
        try {
            typed = MAPPER.convertValue(raw, type);
        } catch (RuntimeException e) {
            problems.add("does not fit " + v + "/" + k + ": " + e.getMessage().replaceAll("\\s+", " "));
            return null;
        }
        unknownFields(typed, k, problems, 0);
        return typed;
    }

    /** fabric8 keeps fields it does not know in additionalProperties; Kubernetes would refuse them. */
    static void unknownFields(Object o, String path, List<String> problems, int depth) {
        if (o == null || depth > 40) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", problems, depth + 1);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), problems, depth + 1);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            String n = g.getName();
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !n.startsWith("get") || n.equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = g.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (n.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + Character.toLowerCase(n.charAt(3)) + n.substring(4), problems, depth + 1);
            }
        }
    }

    /** Labels, annotations, selectors and env values are strings in Kubernetes; YAML would make 9100 a number. */
    static void stringMaps(Object raw, String path, List<String> problems) {
        if (raw instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (List.of("labels", "annotations", "matchLabels", "selector").contains(key) && e.getValue() instanceof Map<?, ?> values) {
                    for (Map.Entry<?, ?> v : values.entrySet()) {
                        if (!(v.getValue() instanceof String) && !(v.getValue() instanceof Map)) {
                            problems.add(path + "." + key + "." + v.getKey() + ": labels must be strings (quote " + v.getValue() + ")");
                        }
                    }
                }
                if (key.equals("env") && e.getValue() instanceof List<?> env) {
                    for (Object var : env) {
                        if (var instanceof Map<?, ?> vm && vm.containsKey("value") && !(vm.get("value") instanceof String)) {
                            problems.add(path + ".env." + vm.get("name") + ": env values must be strings");
                        }
                    }
                }
                stringMaps(e.getValue(), path + "." + key, problems);
            }
        } else if (raw instanceof List<?> l) {
            for (Object x : l) {
                stringMaps(x, path, problems);
            }
        }
    }

    static void assertRejected(String manifest, String mentioned) {
        List<String> problems = new ArrayList<>();
        validate(new Yaml().load(manifest), problems);
        assertFalse(problems.isEmpty(), "should be rejected:\n" + manifest);
        assertTrue(String.join(" ", problems).contains(mentioned), problems + " should mention " + mentioned);
    }

    static void assertSubset(Map<String, String> selector, Map<String, String> labels, String what) {
        assertFalse(selector.isEmpty(), what);
        for (Map.Entry<String, String> e : selector.entrySet()) {
            assertEquals(e.getValue(), labels.get(e.getKey()), what + " must match the pod labels");
        }
    }

    static void assertNonRoot(PodSpec pod, Container c) {
        assertTrue(pod.getSecurityContext().getRunAsNonRoot(), "runAsNonRoot");
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0);
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
    }

    static Map<String, Integer> containerPorts(Container c) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        return ports;
    }

    static int servicePort(Service svc, String name) {
        return svc.getSpec().getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getPort();
    }

    static String flag(List<String> args, String name) {
        int i = args.indexOf(name);
        assertTrue(i >= 0 && i + 1 < args.size(), name + " in " + args);
        return args.get(i + 1);
    }

    static long seconds(Object duration) {
        Matcher m = Pattern.compile("(\\d+)s").matcher(String.valueOf(duration));
        assertTrue(m.matches(), "a duration in seconds: " + duration);
        return Long.parseLong(m.group(1));
    }

    static Path mounted(Map<String, Object> service, String target) {
        for (String v : strings(service.get("volumes"))) {
            String[] parts = v.split(":");
            if (parts[1].equals(target)) {
                Path p = DOCKER.resolve(parts[0]).normalize();
                assertTrue(Files.exists(p), "mounted " + v + " exists in docker/");
                return p;
            }
        }
        throw new AssertionError("nothing mounted at " + target + " in " + service.get("volumes"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Map, key + " is a mapping in " + m.keySet());
        return (Map<String, Object>) v;
    }

    static List<String> strings(Object list) {
        assertTrue(list instanceof List, "a list: " + list);
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
