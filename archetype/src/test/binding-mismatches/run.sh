#!/usr/bin/env bash
# Generates a project, builds it once, then breaks Rust.java or lib.rs in each way a binding can mismatch and
# checks that each fails, at load time or at build time, with a message that names the Java method and both
# signatures. Usage: run.sh <archetype jar> <work folder> <cargo target folder to share> [plugin version]
set -uo pipefail
jar=$1 work=$2 cargo_target=$3 plugin_version=${4:-}
# Generated projects name the plugin at the version staged for this checkout.
plugin=${plugin_version:+-Drusty-java.version=$plugin_version}
# Named after this checkout, so builds in other checkouts sharing ~/.m2 do not replace the jar mid-run.
version=0.0.0-binding-test-$(printf %s "$jar" | cksum | cut -d" " -f1) package=org.mismatch.bound
rm -rf "$work" && mkdir -p "$work"
mvn -B -q install:install-file -Dfile="$jar" -DgroupId=io.github.rustyjava -DartifactId=rusty-java-archetype \
  -Dversion=$version -Dpackaging=jar -DgeneratePom=true || exit 1
(cd "$work" && mvn -B -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
  -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion=$version \
  -DgroupId=org.mismatch -DartifactId=bound -Dpackage=$package) > "$work/generate.log" 2>&1 \
  || { echo "FAIL: generation"; tail -20 "$work/generate.log"; exit 1; }
project=$work/bound
rust_java=$project/src/main/java/${package//.//}/Rust.java
(cd "$project" && mvn -B -q package -DskipTests -Dcargo.target.dir="$cargo_target" $plugin) > "$work/build.log" 2>&1 \
  || { echo "FAIL: the unbroken project does not build"; tail -30 "$work/build.log"; exit 1; }

passed=0 failed=0
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# broken <case> <file> <sed expression>: a copy of the file with the expression applied, in $work/<case>/
broken() {
  mkdir -p "$work/$1" && sed "$3" "$2" > "$work/$1/$(basename "$2")"
  cmp -s "$2" "$work/$1/$(basename "$2")" && { fail "$1" "the edit '$3' changed nothing in $(basename "$2")"; return 1; }
  return 0
}
# expect <case> <log> <text>...: each text must be in the log
expect() {
  local name=$1 log=$2; shift 2
  for text in "$@"; do
    grep -qF -- "$text" "$log" || { fail "$name" "no line with: $text"; sed -n 1,12p "$log"; return 1; }
  done
  echo "ok   $name"; passed=$((passed + 1))
}
# at_load <case> <sed expression> <text>...: Rust.java broken so; loading the library must fail with each text
at_load() {
  local name=$1 edit=$2; shift 2
  broken "$name" "$rust_java" "$edit" || return
  mkdir -p "$work/$name/classes"
  # The first use of Rust, as in an application: its initialiser loads the library.
  printf 'package %s;\nclass FirstUse {\n  public static void main(String[] args) throws Exception {\n    Class.forName("%s.Rust");\n  }\n}\n' \
    $package $package > "$work/$name/FirstUse.java"
  javac -encoding UTF-8 -d "$work/$name/classes" -cp "$project/target/classes" "$work/$name/Rust.java" "$work/$name/FirstUse.java" \
    || { fail "$name" "the broken Rust.java does not compile"; return; }
  if java -cp "$work/$name/classes:$project/target/classes" -D$package.native.cacheDir="$work/cache" \
      $package.FirstUse > "$work/$name.log" 2>&1; then
    fail "$name" "the library loaded"; return
  fi
  expect "$name" "$work/$name.log" "java.lang.LinkageError: $package.Rust and BINDINGS in rust/src/lib.rs disagree, so no native method was bound:" "$@"
}

at_load wrong-name 's/ sumAsString(long a/ sumAsStrin(long a/' \
  'sumAsStrin: Rust.java declares `static native java.lang.String sumAsStrin(long, long)` (JNI (JJ)Ljava/lang/String;), which BINDINGS does not bind. BINDINGS binds sumAsString with these types: is one name misspelt?' \
  'sumAsString: BINDINGS binds `static native java.lang.String sumAsString(long, long)` (JNI (JJ)Ljava/lang/String;), which Rust.java does not declare.'
at_load wrong-parameter-type 's/ count(byte\[\] data, byte value)/ count(byte[] data, int value)/' \
  'count: Rust.java declares `static native long count(byte[], int)` (JNI ([BI)J), but BINDINGS binds `static native long count(byte[], byte)` (JNI ([BB)J).'
at_load wrong-return-type 's/ int\[\] histogram(/ long[] histogram(/' \
  'histogram: Rust.java declares `static native long[] histogram(byte[])` (JNI ([B)[J), but BINDINGS binds `static native int[] histogram(byte[])` (JNI ([B)[I).'
at_load missing-binding 's/^    static native long count(/    static native long fib(int n);\n\n&/' \
  'fib: Rust.java declares `static native long fib(int)` (JNI (I)J), which BINDINGS does not bind.'
at_load not-static 's/ static native long hasherDigest(/ native long hasherDigest(/' \
  'hasherDigest: Rust.java declares `native long hasherDigest(long)` without static, but every binding is a static method.'

# What a user sees: mvn verify fails in the tests, with the message, through NativeLoader and Rust's initialiser.
cp "$rust_java" "$work/Rust.java.orig" && cp "$work/missing-binding/Rust.java" "$rust_java"
(cd "$project" && mvn -B -Dstyle.color=never verify -Dcargo.skip -Dcargo.target.dir="$cargo_target" $plugin) \
  > "$work/maven.log" 2>&1 && fail maven "mvn verify passed with a binding missing"
expect maven "$work/maven.log" "java.lang.LinkageError: $package.Rust and BINDINGS in rust/src/lib.rs disagree" \
  'fib: Rust.java declares `static native long fib(int)` (JNI (I)J), which BINDINGS does not bind.'
cp "$work/Rust.java.orig" "$rust_java"

# A binding function whose types differ from its native_method! does not compile; cargo runs as the pom runs it.
lib_rs=$project/rust/src/lib.rs
if broken compile-time "$lib_rs" 's/^\(fn java_count(.*\)value: jbyte/\1value: jint/'; then
  cp "$lib_rs" "$work/lib.rs.orig" && cp "$work/compile-time/lib.rs" "$lib_rs"
  if (cd "$project" && mvn -B -Dstyle.color=never compile -Dcargo.target.dir="$cargo_target" $plugin) > "$work/compile-time.log" 2>&1; then
    fail compile-time "the build passed"
  else
    expect compile-time "$work/compile-time.log" "error[E0308]: mismatched types" \
      'native_method! { static raw fn count(data: jbyte[], value: jbyte) -> jlong, fn = java_count },' \
      "expected \`i32\`, found \`i8\`" 'fn java_count(env: EnvUnowned<'"'"'_>, _: JClass<'"'"'_>, data: JByteArray<'"'"'_>, value: jint) -> jlong {'
  fi
  cp "$work/lib.rs.orig" "$lib_rs"
fi

echo "binding mismatches: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
