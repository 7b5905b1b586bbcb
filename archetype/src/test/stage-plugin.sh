#!/usr/bin/env bash
# Installs the plugin's jar into the local repository under a version of this checkout's own, so generated test
# projects (-Drusty-java.version=<version>) never use a jar that a build in another checkout installed.
# Maven checks the version inside the jar's plugin.xml, so the copy carries the new one there too.
# Usage: stage-plugin.sh <plugin jar> <version>
set -euo pipefail
jar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") version=$2
[ -f "$jar" ] || { echo "stage-plugin: no $jar: build the plugin first (mvn -pl archetype -am ...)." >&2; exit 1; }
work=$(dirname "$jar")/staged-$version
rm -rf "$work" && mkdir -p "$work/classes"
(cd "$work/classes" && jar xf "$jar")
# The plugin's own <version> is the first in plugin.xml; the plugin has no dependencies of its own to keep apart.
perl -0pi -e "s#<version>[^<]*</version>#<version>$version</version>#" "$work/classes/META-INF/maven/plugin.xml"
jar cfm "$work/plugin.jar" "$work/classes/META-INF/MANIFEST.MF" -C "$work/classes" .
mvn -B -q install:install-file -Dfile="$work/plugin.jar" -DgroupId=io.github.rustyjava \
  -DartifactId=rusty-java-maven-plugin -Dversion="$version" -Dpackaging=maven-plugin -DgeneratePom=true
