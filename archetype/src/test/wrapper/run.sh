#!/usr/bin/env bash
# Generates a project as a user does (archetype:generate), then builds it with ./mvnw verify on a PATH without mvn:
# the wrapper must keep its x bit and line endings, fetch its own Maven and build the project alone.
# Usage: run.sh <archetype jar> <work folder> <cargo target folder shared with the other generated projects> [plugin version]
set -euo pipefail
jar=$1 work=$2 cargo_target=$3 plugin_version=${4:-}
# Named after this checkout, so builds in other checkouts sharing ~/.m2 do not replace the jar mid-run.
version=0.0.0-wrapper-test-$(printf %s "$jar" | cksum | cut -d" " -f1)
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL wrapper: $*" >&2; exit 1; }

mvn -B -q install:install-file -Dfile="$jar" -DgroupId=io.github.rustyjava -DartifactId=rusty-java-archetype \
  -Dversion=$version -Dpackaging=jar -DgeneratePom=true
(cd "$work" && mvn -B -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
  -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion=$version \
  -DgroupId=net.wrapped -DartifactId=wrapped-build -Dpackage=net.wrapped.build) > "$work/generate.log" 2>&1 \
  || { cat "$work/generate.log"; fail "archetype:generate failed"; }
project=$work/wrapped-build

[ -x "$project/mvnw" ] || fail "mvnw is not executable ($(ls -l "$project/mvnw")): the post-generate script must restore its x bit."
lines=$(wc -l < "$project/mvnw.cmd")
crlf=$(grep -c $'\r$' "$project/mvnw.cmd" || true)
[ "$lines" = "$crlf" ] || fail "mvnw.cmd has $((lines - crlf)) of $lines lines without CRLF, which cmd.exe misreads: keep '*.cmd text eol=crlf' in .gitattributes and the fileSet unfiltered."
if grep -q $'\r' "$project/mvnw"; then fail "mvnw has CR characters, which sh cannot run: keep 'mvnw text eol=lf' in .gitattributes."; fi

# The caller's PATH minus mvn: each folder holding mvn is stood in for by a folder of links to everything else in it.
path="" n=0
IFS=: read -ra dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
  if [ -e "$dir/mvn" ]; then
    n=$((n + 1)) && mkdir -p "$work/path-without-mvn/$n"
    for file in "$dir"/*; do
      case $(basename "$file") in mvn | mvnDebug | mvnyjp) ;; *) ln -s "$file" "$work/path-without-mvn/$n/" ;; esac
    done
    dir=$work/path-without-mvn/$n
  fi
  path=$path${path:+:}$dir
done
if PATH=$path command -v mvn > /dev/null; then fail "mvn is still on the PATH made for this test: $(PATH=$path command -v mvn)"; fi

cd "$project"
expected=$(sed -n 's#^distributionUrl=.*/apache-maven-\(.*\)-bin\.zip$#\1#p' .mvn/wrapper/maven-wrapper.properties)
PATH=$path ./mvnw -v > "$work/version.log" 2>&1 || { cat "$work/version.log"; fail "./mvnw -v failed"; }
grep -q "^Apache Maven $expected " "$work/version.log" || { cat "$work/version.log"; fail "./mvnw did not run Maven $expected, the version in .mvn/wrapper/maven-wrapper.properties."; }
# Shares cargo's target folder (and so the compiled jni crate) with the other generated projects.
if ! PATH=$path CARGO_TARGET_DIR=$cargo_target ./mvnw -B verify -Dcargo.target.dir="$cargo_target" ${plugin_version:+"-Drusty-java.version=$plugin_version"} > "$work/build.log" 2>&1; then
  tail -n 60 "$work/build.log"
  fail "./mvnw -B verify failed in $project with no mvn on the PATH (whole log: $work/build.log)."
fi
echo "wrapper: ./mvnw verify passed with Maven $expected and no mvn on the PATH; JUnit: $(grep 'Tests run:' "$work/build.log" | tail -n 1 | sed 's/^.*Tests run/Tests run/')"
