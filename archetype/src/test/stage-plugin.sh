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
# The plugin's own <version> is the first in plugin.xml.
plugin_xml=$work/classes/META-INF/maven/plugin.xml
perl -0pi -e "s#<version>[^<]*</version>#<version>$version</version>#" "$plugin_xml"
jar cfm "$work/plugin.jar" "$work/classes/META-INF/MANIFEST.MF" -C "$work/classes" .
# Maven resolves a plugin's dependencies (javaparser) from its pom: the staged pom lists those plugin.xml lists.
{
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>\n'
  printf '<groupId>io.github.rustyjava</groupId><artifactId>rusty-java-maven-plugin</artifactId><version>%s</version>\n' "$version"
  printf '<packaging>maven-plugin</packaging>\n'
  perl -0ne 'print $1 if m#(<dependencies>.*</dependencies>)#s' "$plugin_xml"
  printf '\n</project>\n'
} > "$work/pom.xml"
mvn -B -q install:install-file -Dfile="$work/plugin.jar" -DpomFile="$work/pom.xml"
