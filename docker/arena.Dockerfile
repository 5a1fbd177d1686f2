# syntax=docker/dockerfile:1.7
# The arena server: `kumite serve` on a JRE, as a non-root user, with a gRPC health check.
# Build from the repository root:   docker build -f docker/arena.Dockerfile -t kumite-arena:0.1.0 .
# Run:   docker run --rm -p 50051:50051 -p 9100:9100 kumite-arena:0.1.0
# Without the trainers' PyTorch (DJL) and the viewer's libGDX the image holds ~30 MB of jars.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Build and install the modules, then copy the CLI's runtime jars (the launcher's classpath) into one
# folder, leaving out DJL/PyTorch and libGDX/LWJGL with its audio codecs: serve loads neither.
# Tests run in CI, not in the image build.
# Maven's local repository in a build cache at a path of the build stage's own (MAVEN_ARGS: Maven 3.9).
ENV MAVEN_ARGS="-Dmaven.repo.local=/cache/m2"
RUN --mount=type=cache,target=/cache/m2 \
    mvn -B -q -Dmaven.test.skip=true -pl cli -am install \
 && mvn -B -q -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/opt/kumite/lib \
        -DexcludeGroupIds=ai.djl,ai.djl.pytorch,com.badlogicgames.gdx,com.badlogicgames.jlayer,org.jcraft,org.lwjgl \
        -DexcludeArtifactIds=kumite-viewer \
 && cp cli/target/kumite-cli-*.jar /opt/kumite/lib/

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 kumite \
 && useradd --system --uid 10001 --gid kumite --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin kumite
COPY --from=build /opt/kumite/lib /opt/kumite/lib
COPY --chmod=0755 docker/kumite.sh /usr/local/bin/kumite
USER 10001:10001
# `kumite serve` gets a 1 GB heap (kumite.sh) whatever the container's limit, so a container without a
# limit does not take a quarter of the host; set -Xmx in KUMITE_JAVA_OPTS for more. An out-of-memory
# error ends the process (the orchestrator restarts it and trainers fail over) instead of leaving a
# half-working server.
ENV KUMITE_JAVA_OPTS="-XX:+ExitOnOutOfMemoryError"
EXPOSE 50051 9100
# grpc.health.v1 through `kumite health`: a draining server (SIGTERM) reads as unhealthy, which a TCP
# check would not see. Kubernetes uses its native gRPC probes instead (docker/k8s/arena.yaml).
HEALTHCHECK --interval=15s --timeout=10s --start-period=30s --retries=3 \
    CMD ["kumite", "health", "--server", "localhost:50051"]
# SIGTERM (the default stop signal) drains: health NOT_SERVING, calls in flight finish within --grace
# seconds, exit 0. Give `docker stop` more than that: docker stop -t 30.
ENTRYPOINT ["kumite"]
CMD ["serve", "--bind", "0.0.0.0", "--port", "50051", "--metrics-port", "9100", "--grace", "20"]
