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
# $(( )) drops the padding BSD wc (macOS) puts before its count.
lines=$(( $(wc -l < "$project/mvnw.cmd") ))
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
# CI on a clone whose mvnw lost its x bit (committed from Windows, where the post-generate script cannot set it):
# every way the generated workflow starts mvnw must still work, and the build job's own command must build.
chmod a-x mvnw
case "$(uname -s)" in
  # Git Bash runs a script with a #! line whatever its mode: there the launchers below are tested, not the failure.
  MINGW* | MSYS* | CYGWIN*) ;;
  *) if PATH=$path ./mvnw -v > "$work/no-x-bit.log" 2>&1; then fail "./mvnw still ran after chmod a-x mvnw, so this check would test nothing."; fi ;;
esac
workflow=.github/workflows/ci.yml
launchers=$(grep -v '^ *#' "$workflow" | grep -oE '(^|[^[:alnum:]_./-])(sh|bash)[[:space:]]+\./mvnw' | grep -oE '(sh|bash)' | sort -u)
[ -n "$launchers" ] || fail "$workflow starts mvnw nowhere through sh or bash, so a clone whose mvnw has no x bit fails every job."
for launcher in $launchers; do
  PATH=$path $launcher ./mvnw -v > "$work/no-x-bit.log" 2>&1 || { cat "$work/no-x-bit.log"; fail "'$launcher ./mvnw -v', as $workflow runs mvnw, failed with mvnw not executable."; }
done
build=$(sed -n 's/^ *run: \(.*mvnw -B verify .*\)$/\1/p' "$workflow" | head -n 1)
case "$build" in sh\ ./mvnw*|bash\ ./mvnw*) ;; *) fail "the build job of $workflow runs '$build', not sh ./mvnw: it fails with exit 126 when mvnw has no x bit." ;; esac
# The build job's command with its -Pci, sharing cargo's target folder (and so the jni crate) with the other projects.
if ! PATH=$path PROFILES=ci CARGO_TARGET_DIR=$cargo_target eval "$build -Dcargo.target.dir=\"\$cargo_target\"${plugin_version:+ -Drusty-java.version=\"\$plugin_version\"}" > "$work/build.log" 2>&1; then
  tail -n 60 "$work/build.log"
  fail "'$build' (PROFILES=ci) failed in $project with mvnw not executable and no mvn on the PATH (whole log: $work/build.log)."
fi
echo "wrapper: ./mvnw -v ran Maven $expected with no mvn on the PATH; with mvnw not executable, '$build' (PROFILES=ci) passed; JUnit: $(grep 'Tests run:' "$work/build.log" | tail -n 1 | sed 's/^.*Tests run/Tests run/')"
