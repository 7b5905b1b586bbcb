#!/usr/bin/env bash
# Generates a project and checks how its build behaves for a user: quiet when green, cargo's own messages and
# the failed step (no stack trace) when Rust breaks, Cargo.lock updated locally but checked by -Pci, Rust
# warnings fatal under -Pci only, and -Prelease/-Pbench shipping cargo's release build.
# Also -Dnative.assemble with two platforms and with one missing, and on glibc Linux the glibc floor: a host
# build fails it, naming symbols; -Pmanylinux passes it (needs cargo-zigbuild; skipped without it unless required).
# Usage: run.sh <archetype jar> <work folder> <shared cargo target folder> [manylinux required: true|false]
#        [plugin version staged by stage-plugin.sh]
set -uo pipefail
jar=$1 work=$2 cargo_target=$3 manylinux_required=${4:-false} plugin_version=${5:-}
# Named after this checkout, so builds in other checkouts sharing ~/.m2 do not replace the jar mid-run.
version=0.0.0-build-test-$(printf %s "$jar" | cksum | cut -d" " -f1)
rm -rf "$work" && mkdir -p "$work"
mvn -B -q install:install-file -Dfile="$jar" -DgroupId=io.github.rustyjava -DartifactId=rusty-java-archetype \
  -Dversion=$version -Dpackaging=jar -DgeneratePom=true || exit 1
(cd "$work" && mvn -B -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
  -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion=$version \
  -DgroupId=net.build.check -DartifactId=Quiet-Build) || exit 1
pristine=$work/Quiet-Build

passed=0 failed=0
fail() { echo "FAIL $case: $*"; failed=$((failed + 1)); }
# project <case>: a fresh copy of the generated project to break, in $project
project() {
  case=$1 project=$work/$1
  rm -rf "$project" && cp -r "$pristine" "$project"
}
# build <expected exit: 0|fail> <mvn args...>: runs Maven in $project, output in $log, ANSI codes removed
build() {
  local expected=$1; shift
  log=$work/$case.log
  (cd "$project" && mvn -B "-Dcargo.target.dir=$cargo_target" ${plugin_version:+"-Drusty-java.version=$plugin_version"} "$@") 2>&1 | sed 's/\x1b\[[0-9;]*m//g' > "$log"
  local status=${PIPESTATUS[0]}
  if [ "$expected" = 0 ] && [ "$status" != 0 ]; then fail "mvn $* failed"; tail -n 30 "$log"; return 1; fi
  if [ "$expected" = fail ] && [ "$status" = 0 ]; then fail "mvn $* succeeded"; return 1; fi
}
has() { grep -qF -- "$1" "$log" || { fail "no line with: $1"; grep -E 'ERROR|error' "$log" | head -n 8; }; }
hasnt() { ! grep -qE -- "$1" "$log" || { fail "a line matches: $1"; grep -E -- "$1" "$log" | head -n 5; }; }
done_() { [ "$failed" = "${before:-0}" ] && { echo "ok   $case"; passed=$((passed + 1)); }; before=$failed; }

project quiet-green
cp "$project/rust/Cargo.lock" "$work/Cargo.lock.generated"
if build 0 -q verify; then
  [ ! -s "$log" ] || fail "a green mvn -q verify printed $(wc -l < "$log") lines: $(head -c 600 "$log")"
  # The generated Cargo.lock is the one cargo writes: a first build leaves the user nothing to commit.
  cmp -s "$work/Cargo.lock.generated" "$project/rust/Cargo.lock" || fail "the first build rewrote the generated rust/Cargo.lock: $(diff "$work/Cargo.lock.generated" "$project/rust/Cargo.lock" | head -n 8)"
fi
done_

project compile-error
perl -pi -e 's/let sum = a\.checked_add\(b\)/let sum: bool = a.checked_add(b)/' "$project/rust/src/lib.rs"
if build fail -q verify; then
  has "error[E0308]"
  has ":library (default) on project Quiet-Build: cargo build failed (exit code 101); cargo's output is above. Fix what cargo reports"
  hasnt '^\s+at [A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]+)+ ?\(|ExecuteException|An exception occurred'
fi
done_

project failing-rust-test
perl -0pi -e 's/assert_eq!\(/assert_ne!(/' "$project/rust/src/lib.rs" # the first one only
if build fail verify; then
  has "test result: FAILED"
  has ":test (default) on project Quiet-Build"
  has "cargo test failed (exit code 101); cargo's output is above. Run \`cargo test\` in"
  hasnt 'to rerun pass|T E S T S|^\s+at [A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]+)+ ?\('
fi
done_

project lock-file
cp "$project/rust/Cargo.lock" "$work/Cargo.lock.before"
perl -pi -e 's/^\[dependencies\]$/[dependencies]\nitoa = "1"/' "$project/rust/Cargo.toml"
if build fail -q compile -Pci; then
  has "Cargo.lock does not match Cargo.toml: build once without -Pci, which updates it, and commit it."
fi
if build 0 -q compile; then
  grep -q '^name = "itoa"$' "$project/rust/Cargo.lock" || fail "a plain build did not add itoa to Cargo.lock"
fi
done_

project release-and-bench
# The library this build bundles for this machine (.so, .dylib or .dll), and cargo's file of that name.
bundled() { find "$project/target/classes" -path '*/native/*' -type f ! -name '*.sha256'; }
for profile in release bench; do
  if build 0 -q package -DskipTests "-P$profile"; then
    library=$(bundled)
    cmp -s "$library" "$cargo_target/release/$(basename "$library")" || fail "-P$profile bundled $library, not cargo's release build"
    if [ "$(uname -s)" = Linux ] && readelf -S "$library" | grep -q '\.symtab'; then
      fail "-P$profile bundled a library that is not stripped"
    fi
  fi
done
if build 0 -q package -DskipTests; then
  library=$(bundled)
  cmp -s "$library" "$cargo_target/debug/$(basename "$library")" || fail "a plain package did not bundle the dev build"
fi
done_

project assemble
name=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$project/rust/Cargo.toml" | head -n 1)
natives=$work/natives
mkdir -p "$natives/linux-x86_64" "$natives/macos-aarch64"
printf 'linux library' > "$natives/linux-x86_64/lib$name.so"
printf 'macos library' > "$natives/macos-aarch64/lib$name.dylib"
if build fail -q package -DskipTests "-Dnative.assemble=$natives"; then
  has "-Dnative.assemble=$natives lacks 6 of the 8 platforms in native.platforms: linux-aarch64 (no"
  has "windows-aarch64 (no $natives/windows-aarch64/$name.dll)"
fi
if build 0 -q package -DskipTests "-Dnative.assemble=$natives" -Dnative.platforms=linux-x86_64,macos-aarch64; then
  entries=$(jar tf "$project"/target/*.jar | grep '/native/.*/.' | sed 's#.*/native/##' | sort | tr '\n' ' ')
  expected="linux-x86_64/lib$name.so linux-x86_64/lib$name.so.sha256 macos-aarch64/lib$name.dylib macos-aarch64/lib$name.dylib.sha256 "
  [ "$entries" = "$expected" ] || fail "the jar holds: $entries"
fi
# A library of another processor (here an x86_64 ELF header) is never filed under aarch64.
mkdir -p "$natives/linux-aarch64"
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000\076\000' > "$natives/linux-aarch64/lib$name.so"
if build fail -q package -DskipTests "-Dnative.assemble=$natives" -Dnative.platforms=linux-x86_64,linux-aarch64; then
  has "is built for x86_64, not for aarch64 as the platform linux-aarch64 needs"
fi
done_

if [ "$(uname -s)" = Linux ] && ! ldd --version 2>&1 | grep -qi musl; then
  project glibc-floor
  if build fail -q package -DskipTests -Dglibc.floor=2.17; then
    has "needs a glibc newer than 2.17, the oldest it must load on: "
  fi
  if command -v cargo-zigbuild > /dev/null; then
    if build 0 -q package -DskipTests -Prelease,manylinux; then
      newest=$(objdump -T "$(find "$project/target/classes" -name '*.so')" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
      [ "$(printf '%s\nGLIBC_2.17\n' "$newest" | sort -V | tail -n 1)" = GLIBC_2.17 ] || fail "-Pmanylinux shipped a library that needs $newest"
    fi
  elif [ "$manylinux_required" = true ]; then
    fail "cargo-zigbuild is not on the PATH: pip install cargo-zigbuild ziglang"
  else
    echo "skip $case -Pmanylinux: cargo-zigbuild is not on the PATH (pip install cargo-zigbuild ziglang)"
  fi
  done_
fi

project warnings
printf '\nfn never_called() {}\n' >> "$project/rust/src/lib.rs"
if build 0 compile; then
  has "function \`never_called\` is never used"
fi
if build fail -q compile -Pci; then
  has "error: function \`never_called\` is never used"
  has ":library (default) on project Quiet-Build"
fi
done_

# Each of the plugin's other failures: one line naming the value and the fix, before anything is built.
project plugin-failures
if build fail -q compile -Dmaven.compiler.release=99; then
  has ":build (default) on project Quiet-Build: This project compiles for Java 99 (maven.compiler.release), but Maven runs on JDK"
  hasnt 'Compiling|error\['
fi
empty=$work/empty-cargo-target
mkdir -p "$empty"
if build fail -q compile -Dcargo.skip "-Dcargo.target.dir=$empty"; then
  has ":library (default) on project Quiet-Build: No $empty/debug/"
  has ": run Maven without -Dcargo.skip, or build it with cargo build --profile dev in $project/rust."
fi
# Without cargo on the PATH: the Rust version to install and where from.
no_cargo_path=$(printf %s "$PATH" | tr ':' '\n' | while read -r dir; do [ -x "$dir/cargo" ] || printf '%s:' "$dir"; done)
if PATH=$no_cargo_path command -v cargo > /dev/null; then
  echo "skip $case without cargo: cargo stays on the PATH"
elif PATH=$no_cargo_path build fail -q compile; then
  has ":build (default) on project Quiet-Build: Cannot run cargo ("
  has "): this build needs Rust 1.85 or newer; install it with rustup (https://rustup.rs), then open a new shell."
fi
if build fail -q verify -DskipTests -Pbench -Dbench.mainClass=net.build.check.NoSuchBenchmark; then
  has ":bench (bench) on project Quiet-Build: The benchmark net.build.check.NoSuchBenchmark failed (exit code 1); its output is above."
fi
done_

# A non-ASCII package without a UTF-8 locale: Java cannot name the sources, so the build stops in one line
# naming the locale and the fix, never making a jar without classes.
if [ "$(uname -s)" = Linux ]; then
  case=no-locale
  (cd "$work" && mvn -B -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
    -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion=$version \
    -DgroupId=net.build.check -DartifactId=no-locale '-Dpackage=net.größe.check') > "$work/generate-no-locale.log" 2>&1 \
    || fail "generation with a non-ASCII package failed: $(tail -n 5 "$work/generate-no-locale.log")"
  project=$work/no-locale
  log=$work/$case.log
  (cd "$project" && env -u LC_ALL -u LC_CTYPE -u LANG -u LANGUAGE mvn -B -q package -DskipTests \
    "-Dcargo.target.dir=$cargo_target" ${plugin_version:+"-Drusty-java.version=$plugin_version"}) > "$log" 2>&1 \
    && fail "a build without a locale succeeded"
  has "Java cannot name the files under "
  has "LANG is unset), so javac would see no sources and the jar would hold no classes. Fix: run Maven under a UTF-8 locale, e.g. LANG=C.UTF-8"
  ! ls "$project"/target/*.jar > /dev/null 2>&1 || fail "a jar was built: $(ls "$project"/target/*.jar)"
  done_
fi

echo "build behaviour: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
