#!/usr/bin/env bash
# A team's multi-module build takes the Rust module in: generated inside an outer pom-packaging folder (the archetype
# adds <module> there and a <parent> to the new pom), it must build at the outer root, with -pl <module> -am, and on
# its own, and a Java module of that build must depend on its jar and call Rust through it.
# Usage: run.sh <archetype jar> <work folder> <cargo target folder to share> [plugin version staged by stage-plugin.sh]
set -uo pipefail
jar=$1 work=$2 cargo_target=$3 plugin_version=${4:-}
# Named after this checkout, so builds in other checkouts sharing ~/.m2 do not replace the jar mid-run.
version=0.0.0-outer-test-$(printf %s "$jar" | cksum | cut -d" " -f1)
rm -rf "$work" && mkdir -p "$work/outer/app/src/main/java/org/outer/app"
mvn -B -q install:install-file -Dfile="$jar" -DgroupId=io.github.rustyjava -DartifactId=rusty-java-archetype \
  -Dversion=$version -Dpackaging=jar -DgeneratePom=true || exit 1
outer=$work/outer
cat > "$outer/pom.xml" <<'POM'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.outer</groupId>
  <artifactId>outer</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <modules>
    <module>app</module>
  </modules>
</project>
POM
cat > "$outer/app/pom.xml" <<'POM'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.outer</groupId>
    <artifactId>outer</artifactId>
    <version>1.0</version>
  </parent>
  <artifactId>app</artifactId>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.outer</groupId>
      <artifactId>fast-core</artifactId>
      <version>1.0</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
cat > "$outer/app/src/main/java/org/outer/app/App.java" <<'JAVA'
package org.outer.app;

/** Calls Rust through the generated module's jar. */
public final class App {
    public static void main(String[] args) {
        System.out.println(org.outer.fast.Core.sumAsStringRust(40, 2));
    }
}
JAVA

passed=0 failed=0
fail() { echo "FAIL $1: $2"; tail -n 30 "$work/$1.log"; failed=$((failed + 1)); }
ok() { echo "ok   $1"; passed=$((passed + 1)); }
# maven <case> <folder> <args...>: a quiet build there, output in <work>/<case>.log
maven() {
  local name=$1 dir=$2; shift 2
  (cd "$dir" && mvn -B -q -Dstyle.color=never "-Dcargo.target.dir=$cargo_target" \
    ${plugin_version:+"-Drusty-java.version=$plugin_version"} "$@") > "$work/$name.log" 2>&1
}

if maven generate "$outer" org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
    -DarchetypeGroupId=io.github.rustyjava -DarchetypeArtifactId=rusty-java-archetype -DarchetypeVersion=$version \
    -DgroupId=org.outer -DartifactId=fast-core -Dversion=1.0 -Dpackage=org.outer.fast \
    && grep -q '<module>fast-core</module>' "$outer/pom.xml" && grep -q '<artifactId>outer</artifactId>' "$outer/fast-core/pom.xml"; then
  ok generate
else
  fail generate "no <module>fast-core</module> in the outer pom, or no <parent> in the generated one"
fi
# The app's jar-less class path: its classes and the generated module's jar, which carries the library.
run_app() {
  java --enable-native-access=ALL-UNNAMED -cp "$outer/app/target/classes:$(ls "$outer"/fast-core/target/fast-core-1.0.jar)" \
    org.outer.app.App 2>&1
}
if maven outer-root "$outer" verify && [ "$(run_app)" = 42 ]; then ok outer-root; else fail outer-root "mvn verify at the outer root, then the app calling Rust through the jar"; fi
if maven module-and-dependents "$outer" clean verify -pl app -am && [ "$(run_app)" = 42 ]; then
  ok module-and-dependents
else
  fail module-and-dependents "mvn verify -pl app -am at the outer root"
fi
if maven module-alone "$outer/fast-core" clean verify && [ -f "$outer/fast-core/target/fast-core-1.0.jar" ]; then
  ok module-alone
else
  fail module-alone "mvn verify in the generated module alone"
fi

echo "outer build: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
