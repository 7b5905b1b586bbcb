#!/usr/bin/env bash
# Generates projects from bad names and checks the message, that the half-written project is gone, and that
# nothing that was there before changed. Usage: run.sh <archetype jar> <work folder>
set -uo pipefail
jar=$1 work=$2
# Named after this checkout (the jar's absolute path), so builds in other checkouts sharing ~/.m2 do not replace
# the jar mid-run.
version=0.0.0-generation-test-$(printf %s "$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")" | cksum | cut -d" " -f1)
rm -rf "$work" && mkdir -p "$work"
mvn -B -q install:install-file -Dfile="$jar" -DgroupId=io.github.rustyjava -DartifactId=rusty-java-archetype \
  -Dversion=$version -Dpackaging=jar -DgeneratePom=true || exit 1

passed=0 failed=0
# case <name> <folder to generate in> <expected text> -D... : generation must fail and print the text.
case_() {
  local name=$1 dir=$2 expected=$3; shift 3
  mkdir -p "$dir"
  if (cd "$dir" && mvn -B -Dstyle.color=never org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
      -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype \
      -DarchetypeVersion=$version "$@") > "$work/$name.log" 2>&1; then
    echo "FAIL $name: generation succeeded"; failed=$((failed + 1)); return 1
  fi
  if ! grep -qF -- "$expected" "$work/$name.log"; then
    echo "FAIL $name: no line with: $expected"; grep ERROR "$work/$name.log" | head -8; failed=$((failed + 1)); return 1
  fi
  echo "ok   $name"; passed=$((passed + 1))
}
gone() { # <case> <path>: the path must not exist
  if [ -e "$2" ]; then echo "FAIL $1: $2 was left behind"; failed=$((failed + 1)); passed=$((passed - 1)); fi
}

# Several bad values at once: each gets its own line.
expect() { # <case> <text>: the log must hold the text
  grep -qF -- "$2" "$work/$1.log" || { echo "FAIL $1: no line with: $2"; failed=$((failed + 1)); passed=$((passed - 1)); }
}
if case_ bad-values "$work/a" "segment 'int' is a Java keyword or literal. Fix: -Dpackage=com.acme.int_._2x._b" \
    -DgroupId=com.größe -DartifactId=con -Dpackage=com.acme.int.2x.𝒜b; then
  gone bad-values "$work/a/con"
  expect bad-values "groupId 'com.größe': Maven accepts only ASCII letters, digits, '.', '-' and '_'. Fix: -DgroupId=com.grosse"
  expect bad-values "segment '2x' is not a Java identifier (letters, digits, '_' and '\$', not starting with a digit). Fix:"
  expect bad-values "segment '𝒜b' has a character above U+FFFF, which jni-rs' #[jni_mangle] writes into the JNI symbol differently from the JVM"
  expect bad-values "libraryName 'con': Windows reserves this file name, so con.dll cannot be built there. Fix: -DlibraryName=con_native"
  expect bad-values "Removed the half-written project $work/a/con."
fi

# A '/' in the artifactId makes two folders: both go again, and the fix is derived from the value.
if case_ slash-in-artifact-id "$work/s" "artifactId 'bad/name': Maven accepts only ASCII letters, digits, '.', '-' and '_'. Fix: -DartifactId=bad-name" \
    -DgroupId=com.acme -DartifactId=bad/name '-Dversion=1.0 beta'; then
  expect slash-in-artifact-id "Removed the half-written project $work/s/bad."
  expect slash-in-artifact-id "Fix: -Dversion=1.0-beta"
  left=$(cd "$work/s" && find . -mindepth 1 | sort | tr '\n' ' ')
  [ -z "$left" ] || { echo "FAIL slash-in-artifact-id: left $left"; failed=$((failed + 1)); passed=$((passed - 1)); }
fi

# Defaults from an odd groupId: empty segments dropped, '_' before a digit and after a keyword, java_ for java.
# A libraryName that a dependency already has; & breaks the pom.
if case_ reserved-and-defaults "$work/r" "Parameter: package, Value: java_.int_._2_x.__.log" \
    -DgroupId=java.int.2-x._. -DartifactId=log '-Dversion=1&2'; then
  gone reserved-and-defaults "$work/r/log"
  expect reserved-and-defaults "libraryName 'log': the crate depends on a crate of that name (log is in rust/Cargo.lock), and one build cannot hold two packages of one name. Fix: -DlibraryName=log_native"
  expect reserved-and-defaults "version '1&2': Maven rejects spaces"
fi

# In a folder with a pom.xml the plugin adds a <module>; a failed run must leave that pom as it was.
mkdir -p "$work/f/other"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.outer</groupId>\n  <artifactId>outer</artifactId>\n  <version>1</version>\n  <packaging>pom</packaging>\n  <modules>\n    <module>other</module>\n  </modules>\n</project>\n' > "$work/f/pom.xml"
printf '<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.outer</groupId>\n  <artifactId>other</artifactId>\n  <version>1</version>\n</project>\n' > "$work/f/other/pom.xml"
cp "$work/f/pom.xml" "$work/outer-pom.xml"
if case_ outer-pom "$work/f" "Took <module>inner</module> out of" \
    -DgroupId=com.acme -DartifactId=inner -Dpackage=com.acme.hello -DlibraryName=Fast-Lib; then
  expect outer-pom "libraryName 'Fast-Lib': a crate and library name here is ASCII lower case, digits and '_', not starting with a digit (Cargo's rules, spelled one way for the crate, the file and the loader). Fix: -DlibraryName=fast_lib"
  gone outer-pom "$work/f/inner"
  cmp -s "$work/outer-pom.xml" "$work/f/pom.xml" || { echo "FAIL outer-pom: the outer pom.xml changed"; diff "$work/outer-pom.xml" "$work/f/pom.xml"; failed=$((failed + 1)); passed=$((passed - 1)); }
fi

# A project folder that was already there (without pom.xml) stays, with what it held.
mkdir -p "$work/g/kept/notes" && echo mine > "$work/g/kept/notes/todo.txt" && touch -t 202001010000 "$work/g/kept" "$work/g/kept/notes" "$work/g/kept/notes/todo.txt"
if case_ existing-folder "$work/g" "existed before: removed only the files this run wrote into it" \
    -DgroupId=com.acme -DartifactId=kept -Dpackage=java.acme.2x -DlibraryName=COM1; then
  expect existing-folder "package 'java.acme.2x': the JVM reserves the packages under java. for itself and refuses to define classes there (Prohibited package name). Fix: -Dpackage=java_.acme._2x"
  expect existing-folder "libraryName 'COM1': a crate and library name here is ASCII lower case, digits and '_', not starting with a digit (Cargo's rules, spelled one way for the crate, the file and the loader). Fix: -DlibraryName=com1_native"
  left=$(cd "$work/g/kept" && find . -mindepth 1 | sort | tr '\n' ' ')
  [ "$left" = "./notes ./notes/todo.txt " ] || { echo "FAIL existing-folder: left $left"; failed=$((failed + 1)); passed=$((passed - 1)); }
fi

# An unknown binding: the property, the value, the choices and a fix derived from it; nothing left behind.
if case_ bad-binding "$work/b" "binding 'FFM': the choices are jni (JDK 17+, through jni-rs) and ffm (JDK 22+, through java.lang.foreign). Fix: -Dbinding=ffm" \
    -DgroupId=com.acme -DartifactId=bound -Dbinding=FFM; then
  expect bad-binding "Removed the half-written project $work/b/bound."
  gone bad-binding "$work/b/bound"
fi
if case_ unknown-binding "$work/u" "binding 'jna': the choices are jni (JDK 17+, through jni-rs) and ffm (JDK 22+, through java.lang.foreign). Fix: -Dbinding=jni" \
    -DgroupId=com.acme -DartifactId=bound -Dbinding=jna; then
  gone unknown-binding "$work/u/bound"
fi

# Every path under a folder with its kind and, for a file, its checksum and size: equal listings mean nothing
# was added, removed or changed.
listing() {
  (cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r p; do
    if [ -d "$p" ]; then echo "dir  $p"; else echo "file $p $(cksum < "$p")"; fi
  done)
}
same() { # <case> <listing before> <folder>: the folder's listing must still be the one taken before the run
  local now; now=$(listing "$3")
  [ "$2" = "$now" ] || { echo "FAIL $1: $3 changed:"; diff <(printf '%s\n' "$2") <(printf '%s\n' "$now"); failed=$((failed + 1)); passed=$((passed - 1)); }
}
# The user's files, some at the template's paths (rust/ ones are where the binding's files are moved to), and
# empty folders where the template writes (.github/ beside files the run adds, so only its own times tell).
users_files() { # <project folder>
  mkdir -p "$1/rust/src" "$1/src/main/java/com/acme/hello" "$1/src/test" "$1/notes" "$1/docs" "$1/.github"
  echo '# my readme' > "$1/README.md"; echo 'target/' > "$1/.gitignore"; echo 'echo mine' > "$1/mvnw"
  echo '[package]' > "$1/rust/Cargo.toml"; echo '// my lib' > "$1/rust/src/lib.rs"
  echo 'class Core {}' > "$1/src/main/java/com/acme/hello/Core.java"; echo mine > "$1/notes/todo.txt"
}

# A valid run into a folder holding files at the template's paths writes nothing: it names them and changes nothing.
users_files "$work/c/mine"
before=$(listing "$work/c")
if case_ existing-files "$work/c" "6 paths this project writes are already in " \
    -DgroupId=com.acme -DartifactId=mine -Dpackage=com.acme.hello; then
  expect existing-files "      rust/src/lib.rs"
  expect existing-files "      .gitignore"
  expect existing-files "      ... and 1 more."
  expect existing-files "Generation never overwrites a file. Fix: generate into another folder (another -DartifactId, or run from elsewhere), or move these files aside and run again."
  expect existing-files "existed before: removed only the files this run wrote into it"
  same existing-files "$before" "$work/c"
fi

# A bad value into such a folder: the user's files all stay, as they were, and the run's own files go.
users_files "$work/d/mine"
before=$(listing "$work/d")
if case_ existing-files-bad-value "$work/d" "version '1.0 beta': Maven rejects spaces" \
    -DgroupId=com.acme -DartifactId=mine -Dpackage=com.acme.hello '-Dversion=1.0 beta'; then
  expect existing-files-bad-value "6 paths this project writes are already in "
  same existing-files-bad-value "$before" "$work/d"
fi

# A bad value into an empty folder that was there before: it stays, empty.
mkdir -p "$work/e/empty"
before=$(listing "$work/e")
if case_ empty-folder-bad-value "$work/e" "libraryName 'Bad-Lib': a crate and library name" \
    -DgroupId=com.acme -DartifactId=empty -DlibraryName=Bad-Lib; then
  same empty-folder-bad-value "$before" "$work/e"
fi

# A valid run into a folder holding only files the template does not write generates, and keeps them as they were
# (a script of the user's included: only the run's own mvnw gets an x bit).
mkdir -p "$work/v/kept/notes" "$work/v/kept/rust" && echo mine > "$work/v/kept/notes/todo.txt" && echo 'echo mine' > "$work/v/kept/tool.sh"
before=$(listing "$work/v/kept")
if (cd "$work/v" && mvn -B -Dstyle.color=never org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
    -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion="$version" \
    -DgroupId=com.acme -DartifactId=kept) > "$work/existing-folder-valid.log" 2>&1; then
  kept=$(listing "$work/v/kept" | grep -E '^(dir  \./notes|file \./notes/todo\.txt|file \./tool\.sh) ')
  problem=
  [ "$kept" = "$(printf '%s\n' "$before" | grep -E '^(dir  \./notes|file \./notes/todo\.txt|file \./tool\.sh) ')" ] || problem="the user's files changed"
  [ -f "$work/v/kept/rust/src/lib.rs" ] && [ ! -e "$work/v/kept/jni" ] || problem="the binding's files are not in place"
  [ ! -x "$work/v/kept/tool.sh" ] || problem="the user's tool.sh was made executable"
  if [ -n "$problem" ]; then echo "FAIL existing-folder-valid: $problem"; failed=$((failed + 1)); else echo "ok   existing-folder-valid"; passed=$((passed + 1)); fi
else
  echo "FAIL existing-folder-valid: generation failed"; grep ERROR "$work/existing-folder-valid.log" | head -8; failed=$((failed + 1))
fi

echo "generation failures: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
