#!/usr/bin/env bash
# Times the first load of example/'s library, NativeLoader.load(), against zstd-jni, snappy-java and sqlite-jdbc
# (fetched from Maven Central), each in a fresh JVM, on JDK 17 and the newest Temurin JDK (25) in one run:
# cold (an empty java.io.tmpdir: everything is extracted) and warm (a java.io.tmpdir that earlier runs used).
# Every round runs each case once, all cases in a new random order. Prints medians in ms with each time divided
# by zstd-jni's, the whole java command's medians, and what the first Rust call from main adds to the load.
# Usage, from the repository root: bench/loader-peers.sh
#   env: RUNS=15 (rounds), SUBJECTS="ours first-call zstd-jni snappy-java sqlite-jdbc" (and sha256), JDK17=..., JDK25=...
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-15}
subjects=${SUBJECTS:-ours first-call zstd-jni snappy-java sqlite-jdbc}
jdk17=${JDK17:-$(ls -d /usr/lib/jvm/*-17-* /usr/lib/jvm/*17*/ 2>/dev/null | head -n 1)}
jdk25=${JDK25:-$(ls -d /usr/lib/jvm/temurin-*/ 2>/dev/null | sort -V | tail -n 1)}
jdk17=${jdk17%/} jdk25=${jdk25%/}
for jdk in "$jdk17" "$jdk25"; do
  [ -x "$jdk/bin/java" ] || { echo "bench: no JDK at '$jdk'; set JDK17 and JDK25" >&2; exit 1; }
done
declare -A artifact=(
  [zstd-jni]=com.github.luben:zstd-jni:1.5.7-6
  [snappy-java]=org.xerial.snappy:snappy-java:1.1.10.8
  [sqlite-jdbc]=org.xerial:sqlite-jdbc:3.50.3.0
)
declare -A main_class=(
  [ours]=LoadTiming [first-call]=FirstCallTiming [sha256]=Sha256Timing
  [zstd-jni]=ZstdJniTiming [snappy-java]=SnappyJavaTiming [sqlite-jdbc]=SqliteJdbcTiming
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What ships: cargo's release profile (-Prelease where the pom has it; before, the only profile it built).
profile=$(grep -q '<id>release</id>' example/pom.xml && echo -Prelease || true)
# -pl plugin,example: example/ builds with the plugin from this checkout (-Pexample: -Prelease turns that profile off).
mvn -B -q -pl plugin,example -Pexample $profile package -DskipTests > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
jar=$(ls example/target/rusty-java-*.jar | head -n 1)
declare -A classpath=([ours]=$jar [first-call]=$jar [sha256]=$jar)
# Sha256Timing's argument: the library's resource in the jar.
library=$("$jdk17/bin/jar" tf "$jar" | grep -E '/native/[^/]+/[^/]+\.(so|dylib|dll)$' | head -n 1)
for peer in "${!artifact[@]}"; do
  [[ " $subjects " == *" $peer "* ]] || continue
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="${artifact[$peer]}" \
    -DoutputDirectory="$work/peers" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  classpath[$peer]=$(ls "$work/peers/$peer"-*.jar)
done
mkdir -p "$work/peers"
sources=(bench/LoadTiming.java)
if ls "$work"/peers/*.jar > /dev/null 2>&1; then sources+=(bench/PeerTiming.java); fi
"$jdk17/bin/javac" --release 17 -d "$work/classes" -cp "$jar:$(ls "$work"/peers/*.jar 2>/dev/null | paste -sd:)" \
  "${sources[@]}"

# Runs one case; appends "<jdk> <subject> <mode> <load ns> <whole java command ms>" to the results.
run_case() {
  local jdk=$1 subject=$2 mode=$3 tmp start end load
  if [ "$mode" = cold ]; then tmp=$(mktemp -d "$work/cold.XXXXXX"); else tmp=$work/warm-$jdk-$subject; fi
  mkdir -p "$tmp"
  start=$(date +%s%N)
  load=$("$(jdk_home "$jdk")/bin/java" --enable-native-access=ALL-UNNAMED -Djava.io.tmpdir="$tmp" \
    -cp "${classpath[$subject]}:$work/classes" "${main_class[$subject]}" "$library" | head -n 1)
  end=$(date +%s%N)
  echo "$jdk $subject $mode $load $(( (end - start) / 1000000 ))" >> "$work/results"
  if [ "$mode" = cold ]; then rm -rf "$tmp"; fi
}
jdk_home() { if [ "$1" = 17 ]; then echo "$jdk17"; else echo "$jdk25"; fi; }

cases=()
for jdk in 17 25; do
  for subject in $subjects; do
    cases+=("$jdk $subject cold" "$jdk $subject warm")
    run_case "$jdk" "$subject" warm # untimed: fills the warm folders and the page cache
  done
done
: > "$work/results"
for round in $(seq "$runs"); do
  printf '%s\n' "${cases[@]}" | shuf > "$work/order"
  while read -r jdk subject mode; do run_case "$jdk" "$subject" "$mode"; done < "$work/order"
  printf '\rround %s of %s' "$round" "$runs" >&2
done
echo >&2

# median <jdk> <subject> <mode> <column: 4 load ns, 5 whole ms>; prints ms.
median() {
  awk -v j="$1" -v s="$2" -v m="$3" -v c="$4" '$1 == j && $2 == s && $3 == m { print (c == 4 ? $c / 1e6 : $c) }' \
    "$work/results" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
version() { "$(jdk_home "$1")/bin/java" -version 2>&1 | head -n 1 | cut -d'"' -f2; }
label() {
  case $1 in
    ours) echo "NativeLoader.load()" ;; first-call) echo "first Rust call from main" ;;
    sha256) echo "SHA-256 of the library" ;;
    *) echo "$1 ${artifact[$1]##*:}" ;;
  esac
}

echo "Median of $runs rounds, ms, in a fresh JVM (in brackets: divided by zstd-jni's):"
printf '| %-26s | %-18s | %-18s | %-18s | %-18s |\n' "" "JDK $(version 17) warm" "JDK $(version 17) cold" \
  "JDK $(version 25) warm" "JDK $(version 25) cold"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..28})" "$(printf -- '-%.0s' {1..20})" \
  "$(printf -- '-%.0s' {1..20})" "$(printf -- '-%.0s' {1..20})" "$(printf -- '-%.0s' {1..20})"
for subject in $subjects; do
  row=""
  for cell in "17 warm" "17 cold" "25 warm" "25 cold"; do
    set -- $cell
    ms=$(median "$1" "$subject" "$2" 4)
    ratio=""
    if [[ " $subjects " == *" zstd-jni "* ]]; then
      ratio=$(awk -v a="$ms" -v b="$(median "$1" zstd-jni "$2" 4)" 'BEGIN { printf " (%.2f)", a / b }')
    fi
    row+=$(printf ' %-18s |' "$(printf '%.1f' "$ms")$ratio")
  done
  printf '| %-26s |%s\n' "$(label "$subject")" "$row"
done

echo
echo "The whole java command, median ms:"
for subject in $subjects; do
  printf '  %-28s' "$(label "$subject")"
  for cell in "17 warm" "17 cold" "25 warm" "25 cold"; do
    set -- $cell
    printf ' %8s' "$(median "$1" "$subject" "$2" 5)"
  done
  echo
done

if [[ " $subjects " == *" ours "* && " $subjects " == *" first-call "* ]]; then
  echo
  printf 'The first Rust call from main adds to NativeLoader.load(), ms:'
  for cell in "17 warm" "17 cold" "25 warm" "25 cold"; do
    set -- $cell
    printf ' JDK %s %s %s;' "$1" "$2" \
      "$(awk -v a="$(median "$1" first-call "$2" 4)" -v b="$(median "$1" ours "$2" 4)" 'BEGIN { printf "%.1f", a - b }')"
  done
  echo
fi
