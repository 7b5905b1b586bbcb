#!/usr/bin/env bash
# The ffm binding, which needs JDK 22+. On the newest such JDK found (FFM_JAVA_HOME, JAVA_HOME, /usr/lib/jvm/*):
# lints and builds example-ffm/, and generates -Dbinding=ffm with odd names and builds it. On the JDK running this
# script (17 in the root build), the generated build must stop at once, in one line, before cargo runs.
# Without a JDK 22+ it skips with one line, unless required. Usage: run.sh <archetype jar> <work folder> <cargo target> [required] [plugin version]
# <shared cargo target folder> [required: true|false]
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

# What users get: example-ffm/ formatted, clippy-clean, and green on the JDK 22+ (javac warnings are errors).
step example-lint bash -c "cd '$root/example-ffm/rust' && cargo fmt --check && CARGO_TARGET_DIR='$cargo_target' cargo clippy --locked --all-targets -- -D warnings"
if [ "$status" = 0 ]; then ok example-lint; else fail example-lint "cargo fmt --check or clippy -D warnings"; fi
step example-build env JAVA_HOME="$jdk" mvn -B -f "$root/example-ffm/pom.xml" verify -Dmaven.compiler.failOnWarning=true $plugin
if [ "$status" = 0 ]; then ok example-build; else fail example-build "mvn verify of example-ffm/"; fi

# Names not tried elsewhere: capitals, dots, a dash and a leading digit in the artifactId, non-ASCII in the package.
step generate bash -c "cd '$work' && mvn -B org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
  -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion=$version \
  -DgroupId=Net.Ffm-Check -DartifactId=9Lives.Of-Ffm '-Dpackage=net.ünï_9.é\$call' -Dbinding=ffm"
project=$work/9Lives.Of-Ffm
if [ "$status" = 0 ] && [ -f "$project/rust/src/lib.rs" ] && [ ! -e "$project/ffm" ] && [ ! -e "$project/rust/src/register.rs" ]; then
  ok generate
else
  fail generate "no ffm project in $project, or jni/ffm files left in it"
fi
step odd-names env JAVA_HOME="$jdk" bash -c "cd '$project' && mvn -B verify -Pci -Dcargo.target.dir='$cargo_target' -Dmaven.compiler.failOnWarning=true $plugin"
if [ "$status" = 0 ] && grep -q 'Tests run: [1-9]' "$log"; then ok odd-names; else fail odd-names "mvn verify -Pci on JDK 22+"; fi

# A descriptor that disagrees with the Rust signature: loading fails, naming the function and both signatures.
mismatch=$work/mismatch
rm -rf "$mismatch" && cp -r "$project" "$mismatch"
sed -i 's/FunctionDescriptor.of(JAVA_LONG, ADDRESS, USIZE, JAVA_BYTE, ADDRESS)/FunctionDescriptor.of(JAVA_LONG, ADDRESS, USIZE, JAVA_INT, ADDRESS)/' \
  "$mismatch"/src/main/java/net/*/*/Rust.java
step mismatch env JAVA_HOME="$jdk" bash -c "cd '$mismatch' && mvn -B verify -Dcargo.target.dir='$cargo_target' -Dmaven.compiler.failOnWarning=true $plugin"
expected='count: Rust.java links `count(ptr,usize,i32,ptr,)i64`, but rust/src/lib.rs exports `count(*const i8,usize,i8,*mut i32,)i64`. Make the types agree'
if [ "$status" != 0 ] && grep -qF -- "$expected" "$log"; then ok mismatch; else fail mismatch "no line with: $expected"; fi

# A function with every other value layout (short, char, float, double): its descriptor and exports! line agree.
layouts=$work/layouts
rm -rf "$layouts" && cp -r "$project" "$layouts"
perl -0pi -e 's/(mod ffi \{\n)/$1    #[unsafe(no_mangle)]\n    unsafe extern "C" fn layouts(a: i16, b: u16, c: f32, d: f64, _status: *mut i32) -> f64 {\n        f64::from(a) + f64::from(b) + f64::from(c) + d\n    }\n/; s/(    exports! \{\n)/$1        layouts(i16, u16, f32, f64, *mut i32) -> f64;\n/' \
  "$layouts"/rust/src/lib.rs
perl -0pi -e 's/(    private static final Function COUNT = )/    private static final Function LAYOUTS = declare("layouts",\n            FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_DOUBLE, java.lang.foreign.ValueLayout.JAVA_SHORT, java.lang.foreign.ValueLayout.JAVA_CHAR, java.lang.foreign.ValueLayout.JAVA_FLOAT, java.lang.foreign.ValueLayout.JAVA_DOUBLE, ADDRESS));\n$1/' \
  "$layouts"/src/main/java/net/*/*/Rust.java
step layouts env JAVA_HOME="$jdk" bash -c "cd '$layouts' && mvn -B verify -Dcargo.target.dir='$cargo_target' $plugin"
if [ "$status" = 0 ] && grep -q 'Tests run: [1-9]' "$log" && grep -q 'LAYOUTS' "$layouts"/src/main/java/net/*/*/Rust.java; then
  ok layouts
else
  fail layouts "a function of short, char, float and double did not load"
fi

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
