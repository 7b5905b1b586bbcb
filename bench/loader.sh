#!/usr/bin/env bash
# Times example/'s NativeLoader.load(): the first load, extracting into an empty cache folder, and a later JVM's
# load reusing the copy; median of RUNS runs each, on JDK 17 and the newest Temurin JDK (25), side by side.
# Usage, from the repository root: bench/loader.sh   (env: RUNS=7, JDK17=..., JDK25=...)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
jdk17=${JDK17:-$(ls -d /usr/lib/jvm/*-17-* /usr/lib/jvm/*17*/ 2>/dev/null | head -n 1)}
jdk25=${JDK25:-$(ls -d /usr/lib/jvm/temurin-*/ 2>/dev/null | sort -V | tail -n 1)}
for jdk in "$jdk17" "$jdk25"; do
  [ -x "${jdk%/}/bin/java" ] || { echo "bench: no JDK at '$jdk'; set JDK17 and JDK25" >&2; exit 1; }
done

jar=$(ls example/target/rusty-java-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  mvn -B -q -f example/pom.xml package -DskipTests
  jar=$(ls example/target/rusty-java-*.jar | head -n 1)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${jdk17%/}/bin/javac" --release 17 -d "$work/classes" -cp "$jar" bench/LoadTiming.java

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Prints "<load() ms> <whole JVM ms>" for one run with the given cache folder.
one_run() {
  local java=$1 cache=$2 start end inside
  start=$(date +%s%N)
  inside=$("$java" --enable-native-access=ALL-UNNAMED -cp "$jar:$work/classes" \
    -Dcom.example.rustyjava.native.cacheDir="$cache" LoadTiming | cut -d' ' -f1)
  end=$(date +%s%N)
  echo "$inside $(( (end - start) / 1000000 ))"
}

printf '%s, median of %s runs; in parentheses the whole java command\n' "NativeLoader.load() in ms" "$runs"
printf '%-38s %-24s %s\n' "JDK" "cold (empty folder)" "warm (reusing the copy)"
for jdk in "$jdk17" "$jdk25"; do
  java="${jdk%/}/bin/java"
  : > "$work/cold"; : > "$work/warm"
  "$java" --enable-native-access=ALL-UNNAMED -cp "$jar:$work/classes" \
    -Dcom.example.rustyjava.native.cacheDir="$work/warm-cache" LoadTiming > /dev/null # fills the warm folder
  for i in $(seq "$runs"); do
    one_run "$java" "$work/cold-$i" >> "$work/cold"
    one_run "$java" "$work/warm-cache" >> "$work/warm"
  done
  version=$("$java" -version 2>&1 | head -n 1 | cut -d'"' -f2)
  cold="$(cut -d' ' -f1 "$work/cold" | median) ($(cut -d' ' -f2 "$work/cold" | median))"
  warm="$(cut -d' ' -f1 "$work/warm" | median) ($(cut -d' ' -f2 "$work/warm" | median))"
  printf '%-38s %-24s %s\n' "$version ($(basename "$jdk"))" "$cold" "$warm"
done
