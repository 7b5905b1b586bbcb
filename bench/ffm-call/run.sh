#!/usr/bin/env bash
# In one JMH run on a JDK 22+: the trivial call through FFM (default, critical, the ffm template's status pattern)
# beside the raw JNI floor, and count on 100 bytes and sumAsString through example/ (jni) and example-ffm/ (ffm),
# both built with -Prelease. Usage: JAVA_HOME=<JDK 22+> bench/ffm-call/run.sh [JMH options, e.g. -f 5 -wi 3 -i 3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$here/rust/target}
(cd "$here/rust" && CARGO_TARGET_DIR=$target cargo build --release --quiet)
# The examples build with the plugin of this checkout: installed first, as the README's Quick start does.
mvn -B -q -f "$root/pom.xml" install -pl plugin -am -DskipTests
for example in example example-ffm; do
  mvn -B -q -f "$root/$example/pom.xml" -Prelease package -DskipTests
done
(cd "$here" && mvn -B -q compile)
library=$target/release/libffm_call_bench.so
[ $# -gt 0 ] || set -- -f 3 -wi 3 -w 1 -i 3 -r 1
java --enable-native-access=ALL-UNNAMED -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  -Dbench.library="$library" bench.FfmCall -jvmArgsAppend "--enable-native-access=ALL-UNNAMED -Dbench.library=$library" "$@"
