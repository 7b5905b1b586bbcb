#!/usr/bin/env bash
# Two builds of the same commit give byte-identical jars (project.build.outputTimestamp), so the jar a release
# publishes can be rebuilt and compared. Builds a copy of example/ twice, seconds apart, and compares the jars.
# Usage: reproducible.sh <example folder> <work folder> <cargo target folder shared with the other generated projects> [plugin version]
set -euo pipefail
example=$1 work=$2 cargo_target=$3 plugin_version=${4:-}
fail() { echo "FAIL reproducible: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
(cd "$example" && tar --exclude=./target -cf - .) | (mkdir -p "$work/project" && cd "$work/project" && tar -xf -)
cd "$work/project"
for build in 1 2; do
  # Zip entries keep time to two seconds: the second build must fall in another two-second slot than the first.
  [ "$build" = 1 ] || sleep 3
  if ! CARGO_TARGET_DIR=$cargo_target mvn -B -q clean package -DskipTests -Dcargo.target.dir="$cargo_target" ${plugin_version:+"-Drusty-java.version=$plugin_version"} > "$work/build-$build.log" 2>&1; then
    tail -n 40 "$work/build-$build.log"
    fail "build $build of $work/project failed (log: $work/build-$build.log)"
  fi
  jars=(target/*.jar)
  { [ ${#jars[@]} = 1 ] && [ -f "${jars[0]}" ]; } || fail "build $build wrote ${#jars[@]} jars in target/ (${jars[*]}), expected one"
  cp "${jars[0]}" "$work/build-$build.jar"
done
if ! cmp -s "$work/build-1.jar" "$work/build-2.jar"; then
  (cd "$work" && jar tvf build-1.jar > build-1.txt && jar tvf build-2.jar > build-2.txt && diff build-1.txt build-2.txt) || true
  fail "two builds of one commit gave different jars ($work/build-1.jar, $work/build-2.jar; entries above: '<' first, '>' second): keep <project.build.outputTimestamp> in pom.xml"
fi
echo "reproducible: two builds of $(basename "$example")/, 3 s apart, gave byte-identical jars ($(wc -c < "$work/build-1.jar" | tr -d ' ') bytes)."
