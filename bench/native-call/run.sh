#!/usr/bin/env bash
# Builds the native-call crate (release, as users ship) and prints every binding pattern's cost per call beside the
# raw JNI floor, in one JMH run. Usage: bench/native-call/run.sh [JMH options, e.g. -f 5 -wi 3 -i 3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${CARGO_TARGET_DIR:-$here/rust/target}
(cd "$here/rust" && CARGO_TARGET_DIR=$target cargo build --release --quiet)
(cd "$here" && mvn -B -q compile)
[ $# -gt 0 ] || set -- -f 3 -wi 3 -w 1 -i 3 -r 1
java -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" -Dbench.library="$target/release/libnative_call_bench.so" \
  bench.NativeCall -jvmArgsAppend "-Dbench.library=$target/release/libnative_call_bench.so" "$@"
