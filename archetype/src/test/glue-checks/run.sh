#!/usr/bin/env bash
# The glue the plugin generates from RustFunctions.java, for each binding (jni on the JDK running this script, ffm on
# a JDK 22+ found beside it):
#   shapes     a generated project with a function of every supported shape added (only RustFunctions.java and
#              rust/src/lib.rs change, plus Tally.java, ShapeException.java and ShapesTest.java) is green;
#   breaks     a Rust body missing, a Rust parameter type or a Java return type changed, a Java method renamed: rustc
#              fails, naming each function; an unsupported Java type: the plugin's one-line error names file:line;
#   xcheck     (jni) the tests, and every function called from 12 threads, print nothing under -Xcheck:jni; a native
#              method that is wrong on purpose shows that a warning would be caught;
#   switch     a jni project switched to ffm by hand (pom.xml, Cargo.toml, ci.yml) is what -Dbinding=ffm generates,
#              and is green on the JDK 22+.
# Without a JDK 22+ the ffm cases are skipped with one line, unless required.
# Usage: run.sh <archetype jar> <work folder> <cargo target folder to share> [ffm required: true|false] [plugin version]
set -uo pipefail
jar=$1 work=$2 cargo_target=$3 required=${4:-false} plugin_version=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
# Generated projects name the plugin at the version staged for this checkout.
plugin=${plugin_version:+-Drusty-java.version=$plugin_version}
# Named after this checkout, so builds in other checkouts sharing ~/.m2 do not replace the jar mid-run.
version=0.0.0-glue-checks-$(printf %s "$jar" | cksum | cut -d" " -f1)
# An underscore, which JNI escapes as _1 in symbol names.
package=org.glue_checks.shapes path=org/glue_checks/shapes
started=$SECONDS

feature() { # <java home>: its feature version, or 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | grep . || echo 0
}
ffm_jdk=
for candidate in "${FFM_JAVA_HOME:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
  candidate=${candidate%/}
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(feature "$candidate")" -ge 22 ]; then
    ffm_jdk=$candidate && break
  fi
done
if [ -z "$ffm_jdk" ]; then
  message="no JDK 22 or later in FFM_JAVA_HOME, JAVA_HOME or /usr/lib/jvm/*"
  [ "$required" = true ] && { echo "FAIL glue-checks: $message (-Dffm.required=true). Install one, or set FFM_JAVA_HOME." >&2; exit 1; }
  echo "glue-checks: ffm skipped, $message (-Dffm.required=true makes this a failure)."
fi
# The jni flavour runs on the JDK that runs this script (17 in the root build).
jni_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")

rm -rf "$work" && mkdir -p "$work"
mvn -B -q install:install-file -Dfile="$jar" -DgroupId=io.github.rustyjava -DartifactId=rusty-java-archetype \
  -Dversion=$version -Dpackaging=jar -DgeneratePom=true > "$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }

passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; [ -n "${3:-}" ] && [ -f "$3" ] && tail -n 30 "$3"; failed=$((failed + 1)); }
# step <log name> <java home> <folder> <command...>: runs it there on that JDK; output in $work/<log name>.log,
# without ANSI codes; status in $status
step() {
  local name=$1 home=$2 folder=$3; shift 3
  log=$work/$name.log
  (cd "$folder" && JAVA_HOME=$home "$@") 2>&1 | sed 's/\x1b\[[0-9;]*m//g' > "$log"
  status=${PIPESTATUS[0]}
}
mvn_build() { # <log name> <java home> <project> <maven args...>
  local name=$1 home=$2 project=$3; shift 3
  step "$name" "$home" "$project" mvn -B -q -Dstyle.color=never -Dcargo.target.dir="$cargo_target" $plugin "$@"
}
generate() { # <folder> <artifactId> [-Dbinding=ffm]
  mkdir -p "$1"
  step "generate-$2" "$jni_home" "$1" mvn -B -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
    -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion=$version \
    -DgroupId=org.glue_checks -DartifactId="$2" -Dpackage=$package "${@:3}"
  [ "$status" = 0 ] && [ -f "$1/$2/rust/src/lib.rs" ] || { fail "generate $2" "no project" "$log"; return 1; }
}
# add_shapes <project>: the functions of every shape, in RustFunctions.java and lib.rs, and the three other files
add_shapes() {
  local main=$1/src/main/java/$path
  perl -0pi -e 'BEGIN { local $/; open my $f, "<", shift @ARGV or die; $part = <$f> } s/\}\s*\z/$part}\n/ or die' \
    "$here/shapes/RustFunctions.part.java" "$main/RustFunctions.java"
  sed "s/PACKAGE/$package/g" "$here/shapes/lib.part.rs" >> "$1/rust/src/lib.rs"
  sed "s/PACKAGE/$package/g" "$here/shapes/Tally.java" > "$main/Tally.java"
  sed "s/PACKAGE/$package/g" "$here/shapes/ShapeException.java" > "$main/ShapeException.java"
  sed "s/PACKAGE/$package/g" "$here/shapes/ShapesTest.java" > "$1/src/test/java/$path/ShapesTest.java"
}
# shapes_green <flavour> <java home> <project>: mvn verify passes, with rustc's and javac's warnings as errors (the
# glue of every shape must have none), and ran ShapesTest's ten tests
shapes_green() {
  mvn_build "$1-shapes" "$2" "$3" verify -Dcargo.deny.warnings=true -Dmaven.compiler.failOnWarning=true
  local report=$3/target/surefire-reports/TEST-$package.ShapesTest.xml
  if [ "$status" = 0 ] && grep -q 'tests="10" errors="0" skipped="0" failures="0"' "$report" 2>/dev/null; then
    ok "$1 shapes"
  else
    fail "$1 shapes" "mvn -B -q verify of a project with every shape is not green with ShapesTest's 10 tests" "$log"
  fi
}

# ---- Breaks: rustc's errors, one block per error, each must name its function. ----

# edit <case> <file> <perl expression>: applies it; a case whose edit changes nothing fails
edit() {
  local before; before=$(cksum < "$2")
  perl -0pi -e "$3" "$2"
  [ "$(cksum < "$2")" != "$before" ] || { fail "$1" "the edit '$3' changed nothing in $2"; return 1; }
}
# split_errors <log> <folder>: each of rustc's errors in a file of its own, from its `error` line to the next message
split_errors() {
  rm -rf "$2" && mkdir -p "$2"
  awk -v dir="$2" '
    /^error(\[E[0-9]+\])?: / && !/^error: could not compile/ { n++; out = sprintf("%s/%03d", dir, n) }
    /^(warning|Some errors|For more information|\[ERROR\]|error: could not compile)/ { out = "" }
    out != "" { print > out }' "$1"
}
# named_error <case> <folder> <first line> <text>...: one error starts with the line and holds every text
named_error() {
  local name=$1 dir=$2 first=$3; shift 3
  for block in "$dir"/*; do
    [ -f "$block" ] && [ "$(head -n 1 "$block")" = "$first" ] || continue
    local text all=yes
    for text in "$@"; do grep -qF -- "$text" "$block" || all=; done
    [ -n "$all" ] && { ok "$name"; return; }
  done
  fail "$name" "no error of rustc starts with '$first' and holds: $*"
}
breaks() { # <flavour> <java home> <project>
  local flavour=$1 home=$2 project=$3
  local functions=$project/src/main/java/$path/RustFunctions.java lib=$project/rust/src/lib.rs
  cp "$functions" "$work/$flavour-RustFunctions.java" && cp "$lib" "$work/$flavour-lib.rs"
  local count=0
  # (a) a Rust body missing
  for fn in greeting upper_all tally_merge; do
    edit "$flavour missing-body $fn" "$lib" "s/^pub fn $fn\(.*?^\}\n//ms" && count=$((count + 1))
  done
  # (b) a Rust parameter of another type than the Java one's (bodies adjusted, so only the call fails)
  edit "$flavour rust-parameter reverse_bytes" "$lib" 's/^pub fn reverse_bytes\(data: &\[u8\]\) -> Vec<u8> \{\n.*?\n\}/pub fn reverse_bytes(data: &[i8]) -> Vec<u8> {\n    data.iter().rev().map(|&byte| byte as u8).collect()\n}/ms' && count=$((count + 1))
  edit "$flavour rust-parameter total_length" "$lib" 's/^pub fn total_length\(words: &\[&str\]\)/pub fn total_length(words: &[String])/m' && count=$((count + 1))
  edit "$flavour rust-parameter mix" "$lib" 's/^pub fn mix\(z: bool, b: i8, s: i16, c: u16,/pub fn mix(z: bool, b: i8, s: i16, c: i16,/m' && count=$((count + 1))
  # (c) a Java return type other than the one Rust returns
  edit "$flavour java-return twice" "$functions" 's/^    int twice\(/    long twice(/m' && count=$((count + 1))
  edit "$flavour java-return negateShort" "$functions" 's/^    short negateShort\(/    int negateShort(/m' && count=$((count + 1))
  edit "$flavour java-return move" "$functions" 's/^    int move\(/    long move(/m' && count=$((count + 1))
  edit "$flavour java-return prefixSums" "$functions" 's/^    int\[\] prefixSums\(/    long[] prefixSums(/m' && count=$((count + 1))
  edit "$flavour java-return splitWords" "$functions" 's/^    String\[\] splitWords\(/    String splitWords(/m' && count=$((count + 1))
  # (d) a Java method renamed
  edit "$flavour java-rename greet" "$functions" 's/^    String greet\(/    String greetAll(/m' && count=$((count + 1))
  edit "$flavour java-rename tallyTotal" "$functions" 's/^    long tallyTotal\(/    long tallySum(/m' && count=$((count + 1))
  # Every break in one build: rustc reports them all.
  mvn_build "$flavour-breaks" "$home" "$project" process-classes
  local errors=$work/$flavour-errors
  split_errors "$log" "$errors"
  if [ "$status" = 0 ]; then
    fail "$flavour breaks" "the build passed with $count functions broken" "$log"
  else
    local found; found=$(find "$errors" -type f | wc -l | tr -d ' ')
    [ "$found" = "$count" ] && ok "$flavour breaks: $count errors for $count broken functions" \
      || fail "$flavour breaks" "rustc reported $found errors for $count broken functions" "$log"
    for fn in greeting upper_all tally_merge; do
      named_error "$flavour missing-body $fn" "$errors" "error[E0425]: cannot find function \`$fn\` in the crate root"
    done
    named_error "$flavour rust-parameter reverse_bytes" "$errors" "error[E0308]: mismatched types" \
      "crate::reverse_bytes(" "expected \`&[i8]\`, found \`&[u8]\`" "pub fn reverse_bytes(data: &[i8])"
    named_error "$flavour rust-parameter total_length" "$errors" "error[E0308]: mismatched types" \
      "crate::total_length(" "expected \`&[String]\`, found \`&Vec<&str>\`" "pub fn total_length(words: &[String])"
    named_error "$flavour rust-parameter mix" "$errors" "error[E0308]: mismatched types" \
      "crate::mix(" "expected \`i16\`, found \`u16\`" "pub fn mix("
    named_error "$flavour java-return twice" "$errors" "error[E0308]: mismatched types" \
      "crate::twice(" "expected \`Result<i64, Failure>\`, found \`Result<i32, Failure>\`"
    named_error "$flavour java-return negateShort" "$errors" "error[E0308]: mismatched types" \
      "crate::negate_short(" "expected \`Result<i32, Failure>\`, found \`Result<i16, Failure>\`"
    named_error "$flavour java-return move" "$errors" "error[E0308]: mismatched types" \
      "crate::r#move(" "expected \`Result<i64, Failure>\`, found \`Result<i32, Failure>\`"
    named_error "$flavour java-return prefixSums" "$errors" "error[E0308]: mismatched types" \
      "Ok(prefix_sums) =>" "expected \`&[i64]\`, found \`&[i32]\`"
    named_error "$flavour java-return splitWords" "$errors" "error[E0308]: mismatched types" \
      "Ok(split_words) =>" "expected \`&str\`, found \`&[&str]\`"
    named_error "$flavour java-rename greet" "$errors" "error[E0425]: cannot find function \`greet_all\` in the crate root"
    named_error "$flavour java-rename tallyTotal" "$errors" "error[E0425]: cannot find function \`tally_sum\` in the crate root"
  fi
  cp "$work/$flavour-lib.rs" "$lib"
  # (e) a Java type the glue cannot carry: the plugin stops before javac and cargo, in one line naming file:line.
  local parameters="boolean, byte, short, char, int, long, float, double, String, String[], byte[], int[], long[], double[], ByteBuffer, or a class of this package that extends RustObject"
  local returns="boolean, byte, short, char, int, long, float, double, void, String, String[], byte[], int[], long[], double[], or a class of this package that extends RustObject"
  local hand="; or write that one function's JNI or FFM code by hand (README, Hand-written bindings)."
  unsupported "$flavour" "$home" "$project" "$functions" list-parameter "    int size(java.util.List<String> items);" \
    "parameter 'items' of size has type java.util.List<String>, which has no conversion to Rust: use one of $parameters$hand"
  unsupported "$flavour" "$home" "$project" "$functions" buffer-return "    ByteBuffer slab(int size);" \
    "slab returns ByteBuffer, which has no conversion from Rust: return one of $returns$hand"
  cp "$work/$flavour-RustFunctions.java" "$functions"
}
# unsupported <flavour> <java home> <project> <RustFunctions.java> <case> <declaration> <message>
unsupported() {
  local name="$1 unsupported $5"
  cp "$work/$1-RustFunctions.java" "$4"
  perl -0pi -e 's/\}\s*\z/\n'"$6"'\n}\n/' "$4"
  local line; line=$(grep -nF -- "$6" "$4" | cut -d: -f1)
  mvn_build "$1-unsupported-$5" "$2" "$3" process-classes
  local expected="$4:$line: $7"
  if [ "$status" = 0 ]; then
    fail "$name" "the build passed" "$log"
  elif ! grep -qF -- "$expected" "$log"; then
    fail "$name" "no line with: $expected" "$log"
  elif grep -q '^ *Compiling ' "$log"; then
    fail "$name" "cargo ran" "$log"
  else
    ok "$name"
  fi
}

# ---- -Xcheck:jni: a line of the JNI checker ("WARNING in native method", "Warning: Calling other JNI functions ..."). ----

# jni_warnings <log> <project>: the checker's lines in a log and in surefire's dumps (the forked JVM writes there)
jni_warnings() {
  # Not Maven's own lines, nor those of its JVM on JDK 24+ about sun.misc.Unsafe.
  { grep -h 'WARNING\|Warning' "$1" | grep -v '^\[WARNING\]' \
      | grep -Ev '^WARNING: (A terminally deprecated method in sun\.misc\.Unsafe|sun\.misc\.Unsafe::|Please consider reporting this to the maintainers of class com\.google\.)'
    cat "$2"/target/surefire-reports/*.dumpstream "$2"/target/surefire-reports/*-output.txt 2>/dev/null | grep 'WARNING\|Warning'
  } | sort | uniq -c | sort -rn | head -n 5
}
xcheck_tests() { # <name> <project> [surefire args]: the project's tests under -Xcheck:jni
  rm -rf "$2/target/surefire-reports"
  mvn_build "$1" "$jni_home" "$2" surefire:test "-DargLine=--enable-native-access=ALL-UNNAMED -D$package.native.cacheDir=$2/target/native-cache -Xcheck:jni" "${@:3}"
}
stress() { # <name> <project> <seconds> [class to call too]
  step "$1" "$jni_home" "$2" java -Xcheck:jni -D$package.native.cacheDir="$2/target/native-cache" \
    -cp "$2/target/classes:$work/stress-classes" $package.Stress "${@:3}"
}

# ---- jni ----

jni=$work/jni/shapes
if generate "$work/jni" shapes; then
  add_shapes "$jni"
  # The switch starts from this project, as a user's: with the shapes, before any build.
  cp -r "$jni" "$work/switched"
  shapes_green jni "$jni_home" "$jni"

  if [ "$status" = 0 ]; then
    mkdir -p "$work/stress-classes"
    sed "s/PACKAGE/$package/g" "$here/Stress.java" > "$work/Stress.java"
    javac -Xlint:all -Werror -d "$work/stress-classes" -cp "$jni/target/classes" "$work/Stress.java" > "$work/stress-javac.log" 2>&1 \
      || fail "jni xcheck" "Stress.java does not compile" "$work/stress-javac.log"
    xcheck_tests jni-xcheck-tests "$jni"
    warnings=$(jni_warnings "$log" "$jni")
    if [ "$status" != 0 ] || [ -n "$warnings" ] || ! grep -q 'tests="10" errors="0"' "$jni/target/surefire-reports/TEST-$package.ShapesTest.xml" 2>/dev/null; then
      fail "jni xcheck tests" "the tests under -Xcheck:jni failed or printed: $warnings" "$log"
    else
      ok "jni xcheck tests"
    fi
    stress jni-xcheck-stress "$jni" 3
    warnings=$(jni_warnings "$log" "$jni")
    if [ "$status" = 0 ] && [ -z "$warnings" ] && grep -q '^stress: [0-9]* rounds of every function on 12 threads' "$log"; then
      ok "jni xcheck stress ($(sed -n 's/^stress: \([0-9]*\) rounds.*/\1/p' "$log") rounds on 12 threads)"
    else
      fail "jni xcheck stress" "every function from 12 threads under -Xcheck:jni failed or printed: $warnings" "$log"
    fi

    # The same checks catch a native method that calls JNI while an array is pinned, in a test and in Stress.
    main=$jni/src/main/java/$path
    cp "$jni/rust/src/lib.rs" "$work/jni-lib.rs"
    sed "s/PACKAGE/$package/g" "$here/xcheck-self-test/BadJni.java" > "$main/BadJni.java"
    sed "s/PACKAGE/$package/g" "$here/xcheck-self-test/BadJniTest.java" > "$jni/src/test/java/$path/BadJniTest.java"
    symbol=Java_$(printf %s "$package" | sed 's/_/_1/g; s/\./_/g')_BadJni_pinnedLength
    sed "s/JNI_SYMBOL/$symbol/" "$here/xcheck-self-test/bad.rs" >> "$jni/rust/src/lib.rs"
    mvn_build jni-xcheck-bad-build "$jni_home" "$jni" test-compile
    if [ "$status" != 0 ]; then
      fail "jni xcheck catches" "the project with BadJni does not build" "$log"
    else
      xcheck_tests jni-xcheck-bad-tests "$jni" -Dtest=BadJniTest
      warnings=$(jni_warnings "$log" "$jni")
      case $warnings in
        *"Warning: Calling other JNI functions in the scope of Get/ReleasePrimitiveArrayCritical"*) ok "jni xcheck catches a warning in a test" ;;
        *) fail "jni xcheck catches a warning in a test" "no warning seen from BadJniTest" "$log" ;;
      esac
      stress jni-xcheck-bad-stress "$jni" 0.2 "$package.BadJni"
      warnings=$(jni_warnings "$log" "$jni")
      case $warnings in
        *"Warning: Calling other JNI functions in the scope of Get/ReleasePrimitiveArrayCritical"*) ok "jni xcheck catches a warning in Stress" ;;
        *) fail "jni xcheck catches a warning in Stress" "no warning seen from BadJni" "$log" ;;
      esac
    fi
    rm -f "$main/BadJni.java" "$jni/src/test/java/$path/BadJniTest.java" && cp "$work/jni-lib.rs" "$jni/rust/src/lib.rs"
  fi
  breaks jni "$jni_home" "$jni"
fi

# ---- ffm ----

if [ -n "$ffm_jdk" ]; then
  echo "glue-checks: ffm on the JDK in $ffm_jdk"
  ffm=$work/ffm/shapes
  if generate "$work/ffm" shapes -Dbinding=ffm; then
    add_shapes "$ffm"
    shapes_green ffm "$ffm_jdk" "$ffm"
    breaks ffm "$ffm_jdk" "$ffm"
  fi

  # The switch, as a user makes it: pom.xml's binding and release, the jni dependency (and the profile that trims its
  # debug info) out of Cargo.toml, the JDK of ci.yml; a build without -Pci, where cargo rewrites Cargo.lock. Then the
  # project is the one -Dbinding=ffm generates, and it is green.
  switched=$work/switched
  if [ -d "$switched" ]; then
    edit "switch pom.xml" "$switched/pom.xml" 's#<binding>jni</binding>#<binding>ffm</binding>#; s#(\n *)<maven.compiler.release>17</maven.compiler.release>#$1<!-- java.lang.foreign (FFM) is final from JDK 22 on: on an older JDK the build stops at once, in one line. -->$1<maven.compiler.release>22</maven.compiler.release>#'
    edit "switch Cargo.toml" "$switched/rust/Cargo.toml" 's/^# The JNI types the generated glue uses;.*\njni = .*\n//m; s/^# `mvn verify` builds this profile\..*?\n\n//ms'
    edit "switch ci.yml" "$switched/.github/workflows/ci.yml" "s/^  JAVA_VERSION: '17'/  JAVA_VERSION: '25'/m"
    # -Pci (cargo --locked) first, as CI would: Cargo.lock still lists jni, and the plugin says what to do.
    mvn_build switch-locked "$ffm_jdk" "$switched" verify -Pci
    if [ "$status" != 0 ] && grep -qF 'Cargo.lock does not match Cargo.toml: build once without -Pci, which updates it, and commit it.' "$log"; then
      ok "switch jni to ffm: -Pci stops at the old Cargo.lock, saying to build once without it"
    else
      fail "switch jni to ffm" "-Pci with jni still in Cargo.lock did not stop with the plugin's advice" "$log"
    fi
    mvn_build switch-build "$ffm_jdk" "$switched" verify -Dcargo.deny.warnings=true -Dmaven.compiler.failOnWarning=true
    if [ "$status" = 0 ] && grep -q 'tests="10" errors="0" skipped="0" failures="0"' "$switched/target/surefire-reports/TEST-$package.ShapesTest.xml" 2>/dev/null; then
      ok "switch jni to ffm: green"
    else
      fail "switch jni to ffm" "mvn -B -q verify on the JDK 22+ of the switched project" "$log"
    fi
    if [ -d "$ffm" ]; then
      # README.md tells of the binding it was generated for: the switch leaves it as it is.
      diff -r -x target -x README.md "$switched" "$ffm" > "$work/switch.diff" 2>&1 \
        && ok "switch jni to ffm: the project -Dbinding=ffm generates, Cargo.lock too" \
        || fail "switch jni to ffm" "differs from what -Dbinding=ffm generates" "$work/switch.diff"
    fi
  fi
fi

echo "glue-checks: $passed passed, $failed failed, in $((SECONDS - started)) s"
[ "$failed" = 0 ]
