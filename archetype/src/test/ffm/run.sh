#!/usr/bin/env bash
# The ffm binding, which needs JDK 22+. On the newest such JDK found (FFM_JAVA_HOME, JAVA_HOME, /usr/lib/jvm/*):
# lints and builds example-ffm/, and generates -Dbinding=ffm with odd names and builds it. On the JDK running this
# script (17 in the root build), the generated build must stop at once, in one line, before cargo runs. The glue's
# types and mismatches, for ffm as for jni: glue-checks/run.sh.
# Without a JDK 22+ it skips with one line, unless required.
# Usage: run.sh <archetype jar> <work folder> <shared cargo target folder> [required: true|false] [plugin version]
set -uo pipefail
jar=$1 work=$2 cargo_target=$3 required=${4:-false} plugin_version=${5:-}
# Generated projects name the plugin at the version staged for this checkout (example-ffm/ gets it from the reactor).
plugin=${plugin_version:+-Drusty-java.version=$plugin_version}
root=$(cd "$(dirname "$0")/../../../.." && pwd)
# Named after this checkout, so builds in other checkouts sharing ~/.m2 do not replace the jar mid-run.
version=0.0.0-ffm-test-$(printf %s "$jar" | cksum | cut -d" " -f1)

feature() { # <java home>: its feature version, or 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | grep . || echo 0
}
jdk=
for candidate in "${FFM_JAVA_HOME:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
  candidate=${candidate%/}
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(feature "$candidate")" -ge 22 ]; then
    jdk=$candidate && break
  fi
done
if [ -z "$jdk" ]; then
  message="no JDK 22 or later in FFM_JAVA_HOME, JAVA_HOME or /usr/lib/jvm/*"
  [ "$required" = true ] && { echo "FAIL ffm: $message (-Dffm.required=true). Install one, or set FFM_JAVA_HOME." >&2; exit 1; }
  echo "ffm: skipped, $message (-Dffm.required=true makes this a failure)."
  exit 0
fi
echo "ffm: building on the JDK in $jdk"

rm -rf "$work" && mkdir -p "$work"
mvn -B -q install:install-file -Dfile="$jar" -DgroupId=io.github.rustyjava -DartifactId=rusty-java-archetype \
  -Dversion=$version -Dpackaging=jar -DgeneratePom=true || exit 1
passed=0 failed=0
# step <name> <command...>: runs the command, output in <work>/<name>.log with ANSI codes removed
step() {
  local name=$1; shift
  log=$work/$name.log
  "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' > "$log"
  status=${PIPESTATUS[0]}
}
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; tail -n 30 "$log"; failed=$((failed + 1)); }

# What users get: example-ffm/ green on the JDK 22+ (javac warnings are errors), then formatted and clippy-clean:
# the build generates the glue (rust/target/rusty-java/java.rs) that lib.rs includes.
step example-build env JAVA_HOME="$jdk" mvn -B -f "$root/example-ffm/pom.xml" verify -Dmaven.compiler.failOnWarning=true $plugin
if [ "$status" = 0 ]; then ok example-build; else fail example-build "mvn verify of example-ffm/"; fi
step example-lint bash -c "cd '$root/example-ffm/rust' && cargo fmt --check && CARGO_TARGET_DIR='$cargo_target' cargo clippy --locked --all-targets -- -D warnings"
if [ "$status" = 0 ]; then ok example-lint; else fail example-lint "cargo fmt --check or clippy -D warnings"; fi

# Names not tried elsewhere: capitals, dots, a dash and a leading digit in the artifactId, non-ASCII in the package.
step generate bash -c "cd '$work' && mvn -B org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
  -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion=$version \
  -DgroupId=Net.Ffm-Check -DartifactId=9Lives.Of-Ffm '-Dpackage=net.ünï_9.é\$call' -Dbinding=ffm"
project=$work/9Lives.Of-Ffm
if [ "$status" = 0 ] && [ -f "$project/rust/src/lib.rs" ] && [ ! -e "$project/ffm" ] && [ ! -e "$project/rust/src/register.rs" ] \
    && ! grep -q "^jni *=" "$project/rust/Cargo.toml"; then
  ok generate
else
  fail generate "no ffm project in $project, or jni/ffm files left in it"
fi
step odd-names env JAVA_HOME="$jdk" bash -c "cd '$project' && mvn -B verify -Pci -Dcargo.target.dir='$cargo_target' -Dmaven.compiler.failOnWarning=true $plugin"
if [ "$status" = 0 ] && grep -q 'Tests run: [1-9]' "$log"; then ok odd-names; else fail odd-names "mvn verify -Pci on JDK 22+"; fi

# This script's own JDK, when older than 22: the build stops in validate, in one line, before cargo runs.
own=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
if [ "$(feature "$own")" -lt 22 ]; then
  step old-jdk env JAVA_HOME="$own" bash -c "cd '$project' && mvn -B verify -Dcargo.target.dir='$cargo_target' $plugin"
  if [ "$status" != 0 ] && grep -q 'This project compiles for Java 22 (maven.compiler.release), but Maven runs on JDK' "$log" \
      && ! grep -q 'cargo' "$log"; then
    ok old-jdk
  else
    fail old-jdk "no one-line refusal before cargo on the JDK in $own"
  fi
fi

echo "ffm: $passed passed, $failed failed"
[ "$failed" = 0 ]
