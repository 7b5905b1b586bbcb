#!/usr/bin/env bash
# Builds the native-call project (the plugin generates the JNI glue and builds the crate, release profile) and prints,
# in one JMH run, each call through the generated glue beside its raw floor: add against a bare extern "system"
# function, count on 100 bytes against a bare pin-count-release, reverse against the same reverse timed inside Rust.
# Usage: bench/native-call/run.sh [JMH options, e.g. -f 5 -wi 3 -i 3]     (about 2 minutes with the defaults)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
(cd "$here" && mvn -B -q compile)
[ $# -gt 0 ] || set -- -f 2 -wi 3 -w 1 -i 3 -r 1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -n 1)"
java -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" bench.jni.NativeCall "$@"
