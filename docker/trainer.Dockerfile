# syntax=docker/dockerfile:1.7
# A trainer: the kumite CLI with DJL and PyTorch's CPU natives, unpacked at build time, non-root.
# Build from the repository root:   docker build -f docker/trainer.Dockerfile -t kumite-trainer:0.1.0 .
# Run:   docker run --rm -v runs:/runs kumite-trainer:0.1.0 train ppo --server HOST:50051 --out /runs/ppo

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Build and install the modules, then copy the CLI's runtime jars (the launcher's classpath) into one
# folder: everything but the desktop viewer's libGDX/LWJGL. Tests run in CI, not in the image build.
# Maven's local repository in a build cache at a path of the build stage's own (MAVEN_ARGS: Maven 3.9).
ENV MAVEN_ARGS="-Dmaven.repo.local=/cache/m2"
RUN --mount=type=cache,target=/cache/m2 \
    mvn -B -q -Dmaven.test.skip=true -pl cli -am install \
 && mvn -B -q -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/opt/kumite/lib \
        -DexcludeGroupIds=com.badlogicgames.gdx,com.badlogicgames.jlayer,org.jcraft,org.lwjgl \
        -DexcludeArtifactIds=kumite-viewer \
 && cp cli/target/kumite-cli-*.jar /opt/kumite/lib/
# Pre-warm: DJL unpacks the PyTorch natives (~430 MB) into DJL_CACHE_DIR on its first start. One tiny
# in-process training iteration here puts them in the image (no 430 MB write at each container start,
# and no writable home needed) and proves that the image trains.
ENV DJL_CACHE_DIR=/opt/djl
RUN java -Dai.djl.offline=true -cp '/opt/kumite/lib/*' io.kumite.cli.Main train ppo --out /tmp/warm \
        --steps 64 --num-envs 2 --n-steps 32 --batch 32 --env width=32,height=32 --device cpu --torch-threads 1 \
 && rm -rf /tmp/warm

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 kumite \
 && useradd --system --uid 10001 --gid kumite --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin kumite \
 && mkdir /runs && chown 10001:10001 /runs
COPY --from=build /opt/kumite/lib /opt/kumite/lib
COPY --from=build --chown=10001:10001 /opt/djl /opt/djl
COPY --chmod=0755 docker/kumite.sh /usr/local/bin/kumite
USER 10001:10001
# DJL finds the natives unpacked above and never goes to its download site. PyTorch's OpenMP threads
# spin-wait: one per process unless --torch-threads says otherwise (docs/dependencies.md, trap 2).
ENV DJL_CACHE_DIR=/opt/djl \
    OMP_NUM_THREADS=1 \
    KUMITE_JAVA_OPTS="-Dai.djl.offline=true -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
WORKDIR /runs
VOLUME /runs
# A trainer is healthy while it makes progress: each PPO iteration appends a line to metrics.jsonl.
HEALTHCHECK --interval=5m --timeout=10s --start-period=20m --retries=2 \
    CMD ["sh", "-c", "find /runs -name metrics.jsonl -mmin -20 | grep -q ."]
ENTRYPOINT ["kumite"]
CMD ["train", "ppo", "--help"]
