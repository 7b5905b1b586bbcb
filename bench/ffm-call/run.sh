#!/usr/bin/env bash
# Builds bench/native-call (the JNI glue, packaged) and this project (the plugin generates the FFM glue and builds the
# crate, release profile), then prints, in one JMH run on one JDK 22+, each call through the FFM glue beside its raw
# extern "C" floor, and the JNI glue beside its floor: add, count on 100 bytes, reverse against the same reverse timed
# inside Rust. Usage: [JAVA_HOME=<JDK 22+>] bench/ffm-call/run.sh [JMH options, e.g. -f 5 -wi 3 -i 3]
# Without JAVA_HOME, the newest Temurin JDK under /usr/lib/jvm. About 3 minutes with the defaults.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$("${JAVA_HOME:-/nonexistent}/bin/java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.specification.version = //p' || true)
if [ "${version%%.*}" -lt 22 ] 2>/dev/null || [ -z "$version" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-*/ | sort -V | tail -n 1) && JAVA_HOME=${JAVA_HOME%/}
fi
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
(cd "$here/../native-call" && mvn -B -q package)
(cd "$here" && mvn -B -q compile)
[ $# -gt 0 ] || set -- -f 2 -wi 2 -w 1 -i 3 -r 1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -n 1)"
# JMH's forks inherit this JVM's options, --enable-native-access among them.
java --enable-native-access=ALL-UNNAMED -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  bench.ffm.FfmCall "$@"
