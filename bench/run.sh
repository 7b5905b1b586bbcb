#!/usr/bin/env bash
# Measures what BENCHMARKS.md reports, side by side in one run: first green build and edit to green against
# maturin, a second build with and without the Rust steps, what cargo in rust/ and mvn clean verify compile again, cost per call, first load, sizes; with --root
# also the root `mvn -B verify`, cold and warm. Prints medians of RUNS runs (default 5).
# Usage: bench/run.sh [--root]      (RUNS=5; BENCH_VENV=<virtualenv for maturin and pytest>; BUILDS_ONLY=1 skips
#        the cost per call and the loader, which bench/native-call/run.sh and bench/loader-peers.sh also measure;
#        BINDING=ffm for the ffm flavour)
# Takes about 20 minutes on 2 cores (5 more with --root). Needs java, mvn, cargo, python3 and the network for PyPI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
# BINDING=ffm measures the ffm flavour, built and run on the newest Temurin JDK (it needs JDK 22+).
binding=${BINDING:-jni}
if [ "$binding" = ffm ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-*/ | sort -V | tail -n 1) && export JAVA_HOME=${JAVA_HOME%/}
  export PATH=$JAVA_HOME/bin:$PATH
fi
venv=${BENCH_VENV:-$HOME/.cache/rusty-java-bench/venv}
work=$(mktemp -d)
results=$work/results.txt
log=$work/log.txt
echo "bench: working in $work (log: $log)"

now() { date +%s.%N; }
record() { echo "$1 $2" >> "$results"; }
median() { grep "^$1 " "$results" | awk '{print $2}' | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
timed() { # timed <name> <command...>: runs the command, records its wall time in s
  local name=$1; shift
  local start; start=$(now)
  "$@" >> "$log" 2>&1 || { echo "bench: '$*' failed, see $log" >&2; tail -n 30 "$log" >&2; exit 1; }
  record "$name" "$(echo "$(now) - $start" | bc)"
}

echo "== setup: install the archetype and its plugin, maturin and pytest; one untimed round to warm every cache"
(cd "$root" && mvn -B -q install -pl archetype -am -Darchetype.test.skip) >> "$log" 2>&1
[ -x "$venv/bin/maturin" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q maturin pytest; } >> "$log" 2>&1
"$venv/bin/maturin" --version | tee -a "$log"

generate() { # generate <folder>
  (cd "$1" && mvn -B -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
    -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype \
    -DarchetypeVersion=0.1.0-SNAPSHOT -DarchetypeCatalog=local -DgroupId=com.acme -DartifactId=hello-native -Dpackage=com.acme.hello \
    "-Dbinding=$binding")
}
ours_first() { mkdir -p "$1" && generate "$1" && (cd "$1/hello-native" && mvn -B -q verify); }
maturin_first() {
  mkdir -p "$1" && cd "$1" && "$venv/bin/maturin" new --mixed -b pyo3 hello_native \
    && cd hello_native && VIRTUAL_ENV=$venv PATH=$venv/bin:$PATH maturin develop -q \
    && "$venv/bin/python" -m pytest -q
}
{ ours_first "$work/warm-java" && (maturin_first "$work/warm-python"); } >> "$log" 2>&1
# A plain Java project to hold the no-op build against: maven-archetype-quickstart, built once.
quickstart=$work/quickstart/hello-plain
(mkdir -p "$work/quickstart" && cd "$work/quickstart" && mvn -B -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
  -DarchetypeGroupId=org.apache.maven.archetypes -DarchetypeArtifactId=maven-archetype-quickstart -DarchetypeVersion=1.5 \
  -DgroupId=com.acme -DartifactId=hello-plain -Dpackage=com.acme.plain && cd hello-plain && mvn -B -q package) >> "$log" 2>&1

for run in $(seq "$runs"); do
  echo "== run $run of $runs (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  record load "$(cut -d' ' -f1 /proc/loadavg)"
  timed first.java ours_first "$work/java-$run"
  timed first.maturin bash -c "$(declare -f maturin_first); venv=$venv; maturin_first $work/python-$run"
  project=$work/java-$run/hello-native
  sync # the first build's writes are flushed before anything is timed
  # Edit to green: the same one-line change to the Rust sum in both projects, then each one's build and tests.
  sed -i 's/a\.checked_add(b)/b.checked_add(a)/' "$project/rust/src/lib.rs"
  sed -i 's/(a + b)/(b + a)/' "$work/python-$run/hello_native/src/lib.rs"
  timed edit.java bash -c "cd $project && mvn -B -q verify"
  timed edit.maturin bash -c "cd $work/python-$run/hello_native && VIRTUAL_ENV=$venv PATH=$venv/bin:\$PATH maturin develop -q && $venv/bin/python -m pytest -q"
  timed second.full bash -c "cd $project && mvn -B -q verify"
  timed second.no-rust bash -c "cd $project && mvn -B -q verify -Dcargo.skip -Dcargo.test.skip"
  record second.difference "$(echo "$(tail -n 2 "$results" | awk '{print $2}' | paste -sd-)" | bc)"
  # A no-op package, ours against the quickstart project: what Maven costs with nothing to do.
  timed noop.java bash -c "cd $project && mvn -B -q package -DskipTests"
  timed noop.quickstart bash -c "cd $quickstart && mvn -B -q package -DskipTests"
  # The Rust steps alone, run as the pom runs them: a difference of two 6 s builds is noisy on 2 cores.
  timed second.cargo-steps bash -c "cd $project/rust && cargo build --profile dev --quiet && cargo test --profile dev --quiet"
  # cargo and rust-analyzer in rust/ share Maven's target folder: crates cargo compiles again after mvn verify.
  record reuse.cargo-build-compiled "$(cd "$project/rust" && cargo build 2>&1 | grep -c 'Compiling' || true)"
  record reuse.cargo-test-compiled "$(cd "$project/rust" && cargo test --no-run 2>&1 | grep -c 'Compiling' || true)"
  timed reuse.cargo-check bash -c "cd $project/rust && cargo check --quiet"
  # mvn clean verify after a first build: crates.io dependencies cargo compiles again (none expected).
  (cd "$project" && mvn -B clean verify) > "$work/clean-$run.log" 2>&1
  record clean.deps-compiled "$(grep -E '^ +Compiling [A-Za-z0-9_-]+ v' "$work/clean-$run.log" | grep -vc 'hello_native' || true)"
  # What ships: the release build (LTO, stripped), for the loader timings and the sizes.
  (cd "$project" && mvn -B -q package -Prelease -DskipTests) >> "$log" 2>&1
  jar=$(ls "$project"/target/hello-native-*.jar)
  cache=$work/loader-cache-$run
  record load.first-ms "$("$root/bench/first-call.sh" "$jar" com.acme.hello "$cache")"
  record load.reuse-ms "$("$root/bench/first-call.sh" "$jar" com.acme.hello "$cache")"
  record size.cdylib-bytes "$(stat -c %s "$project"/rust/target/release/libhello_native.so)"
  record size.jar-bytes "$(stat -c %s "$jar")"
  [ "$run" = 1 ] || rm -rf "$work/java-$run" "$work/python-$run"
done

if [ "${BUILDS_ONLY:-}" != 1 ]; then
echo "== cost per call: the template's functions (CoreBenchmark, $runs forks)"
project=$work/java-1/hello-native
(cd "$project" && mvn -B -q -Pbench test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt) >> "$log" 2>&1
(cd "$project" && java --enable-native-access=ALL-UNNAMED \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" com.acme.hello.CoreBenchmark \
  -f "$runs" -i 3 -rf json -rff "$work/core.json") | tee -a "$log" | sed -n '/^function/,$p'

echo "== cost per call: a trivial call, raw extern \"system\" against the template's pattern ($runs forks)"
nc=$root/bench/native-call
(cd "$nc/rust" && CARGO_TARGET_DIR=$work/native-call cargo build --release --quiet) >> "$log" 2>&1
(cd "$nc" && mvn -B -q compile) >> "$log" 2>&1
java -cp "$nc/target/classes:$(cat "$nc/target/classpath.txt")" org.openjdk.jmh.Main \
  -f "$runs" -wi 3 -w 1 -i 3 -r 1 -jvmArgsAppend "-Dbench.library=$work/native-call/release/libnative_call_bench.so" \
  -rf json -rff "$work/native-call.json" >> "$log" 2>&1

if [ -x "$root/bench/loader.sh" ]; then
  echo "== loader (bench/loader.sh)"
  "$root/bench/loader.sh" 2>&1 | tee -a "$log" || true
fi
fi # BUILDS_ONLY

if [ "${1:-}" = --root ]; then
  echo "== root mvn -B verify of a clean checkout: cold (empty Maven repository and CARGO_HOME), then warm"
  checkout=$work/checkout && mkdir -p "$checkout" && git -C "$root" archive HEAD | tar -x -C "$checkout"
  timed root.cold bash -c "cd $checkout && CARGO_HOME=$work/cargo-home mvn -B -q verify -Dmaven.repo.local=$work/m2"
  # The same CARGO_HOME and Maven repository: cargo's fingerprints name the registry's path.
  timed root.warm-unchanged bash -c "cd $checkout && CARGO_HOME=$work/cargo-home mvn -B -q verify -Dmaven.repo.local=$work/m2"
  timed root.warm-clean bash -c "cd $checkout && CARGO_HOME=$work/cargo-home mvn -B -q clean verify -Dmaven.repo.local=$work/m2"
fi

echo "== medians of $runs runs (seconds unless named otherwise)"
for name in load first.java first.maturin edit.java edit.maturin second.full noop.java noop.quickstart second.no-rust second.difference second.cargo-steps \
    reuse.cargo-build-compiled reuse.cargo-test-compiled reuse.cargo-check clean.deps-compiled load.first-ms load.reuse-ms \
    size.cdylib-bytes size.jar-bytes root.cold root.warm-unchanged root.warm-clean; do
  grep -q "^$name " "$results" && printf '%-22s %s   (all: %s)\n' "$name" "$(median "$name")" "$(grep "^$name " "$results" | awk '{printf "%s ", $2}')"
done
ratio() { printf '%-22s %s   (per run: %s)\n' "$1" "$(echo "scale=2; $(median "$2") / $(median "$3")" | bc)" \
  "$(paste -d/ <(grep "^$2 " "$results" | awk '{print $2}') <(grep "^$3 " "$results" | awk '{print $2}') | bc -l | xargs printf '%.2f ')"; }
ratio first.ratio first.java first.maturin
ratio edit.ratio edit.java edit.maturin
ratio noop.ratio noop.java noop.quickstart
python3 - "$work/core.json" "$work/native-call.json" <<'PY'
import json, os, statistics, sys
for path in filter(os.path.exists, sys.argv[1:]):
    for b in json.load(open(path)):
        name = b["benchmark"].rsplit(".", 1)[1] + "".join(f" {k}={v}" for k, v in (b.get("params") or {}).items())
        forks = [statistics.mean(f) for f in b["primaryMetric"]["rawData"]]
        print(f'{name:28} median of {len(forks)} forks {statistics.median(forks):12.2f} ns/op   (min {min(forks):.2f}, max {max(forks):.2f})')
PY
echo "bench: raw results in $results"
