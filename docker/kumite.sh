#!/bin/sh
# The kumite command inside the images: the CLI on the jars in /opt/kumite/lib.
# KUMITE_JAVA_OPTS adds JVM options (serve: a 1 GB heap unless one is given; the trainer image sizes its
# heap from the container's memory limit).
set -eu
if [ "${1:-}" = health ]; then
  # A health check is one short call: a small JVM that starts fast and leaves the cores to the server.
  exec java -Xmx48m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '/opt/kumite/lib/*' io.kumite.cli.Main "$@"
fi
# glibc's malloc takes transparent huge pages for its heap where the kernel offers them: PyTorch's
# learner touches hundreds of MB per minibatch, and on some VMs 4 KB page faults cost more than the
# arithmetic (docs/dependencies.md, trap 7). A setting of the user's own is kept.
case ":${GLIBC_TUNABLES:-}:" in
  *:glibc.malloc.hugetlb=*) ;;
  *) export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1" ;;
esac
# The arena server gets a 1 GB heap unless a heap size is given: without one the JVM takes a quarter
# of the machine's memory and G1 grows into it under load (950 MB committed for a 40 MB live set was
# measured); 4096 arenas of atari84 fit in 1 GB (docs/scaling.md). Set -Xmx or -XX:MaxRAMPercentage in
# KUMITE_JAVA_OPTS (or JAVA_TOOL_OPTIONS) for another size.
heap_opts=""
if [ "${1:-}" = serve ]; then
  case " ${KUMITE_JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} " in
    *" -Xmx"* | *MaxRAMPercentage* | *MaxHeapSize* | *MaxRAM=*) ;;
    *) heap_opts="-Xmx1g" ;;
  esac
fi
# shellcheck disable=SC2086 # KUMITE_JAVA_OPTS holds several options
exec java $heap_opts ${KUMITE_JAVA_OPTS:-} -cp '/opt/kumite/lib/*' io.kumite.cli.Main "$@"
