#!/usr/bin/env bash
# `mvn install` works from a fresh clone, as the README's quick start tells users to run it, and the
# dependency snippets of docs/getting-started.md work as written:
#  1. clones this repository's committed HEAD into a temporary directory and runs
#     `mvn -B -ntp -DskipTests install` there (the README's test command already ran every test);
#  2. checks that the BOM and every published module landed in the local repository;
#  3. builds two small applications from the documented snippets (with the BOM, and without it),
#     compiling main code against Pgmq, Outbox and PgmqConsumer and test code against the test kit.
# PGMQ_INSTALL_REPO=<dir> uses that local repository instead of ~/.m2/repository.
set -euo pipefail
cd "$(dirname "$0")/../.."

repo="${PGMQ_INSTALL_REPO:-$HOME/.m2/repository}"
work=$(mktemp -d "${TMPDIR:-/tmp}/pgmq-install-XXXXXX")
trap 'rm -rf "$work"' EXIT

git clone -q --no-hardlinks . "$work/pgmq-jpa"
cd "$work/pgmq-jpa"
version=$(sed -n '0,/<artifactId>pgmq-jpa-parent<\/artifactId>/d; s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
started=$(date +%s)
mvn -B -ntp -DskipTests -Dmaven.repo.local="$repo" install
echo "05-install: fresh-clone install of $version done in $(( $(date +%s) - started )) s"

# 2. the BOM (at the build's version) and every module it names
bom="$repo/dev/pgmq/pgmq-bom/$version/pgmq-bom-$version.pom"
[ -f "$bom" ] || { echo "05-install: missing $bom" >&2; exit 1; }
grep -q "<version>$version</version>" pgmq-bom/pom.xml \
  || { echo "05-install: pgmq-bom's version is not the build's $version" >&2; exit 1; }
for artifact in $(sed -n 's:.*<artifactId>\(pgmq-[a-z-]*\)</artifactId>.*:\1:p' pgmq-bom/pom.xml | grep -v '^pgmq-bom$'); do
  jar="$repo/dev/pgmq/$artifact/$version/$artifact-$version.jar"
  [ -f "$jar" ] || { echo "05-install: the BOM names $artifact, but $jar is missing" >&2; exit 1; }
done
echo "05-install: pgmq-bom and its modules installed in $repo"

# 3. applications built from the documented snippets, exactly as written
doc=docs/getting-started.md
block() { awk -v n="$1" '/^```xml/{c++; on=(c==n); next} /^```/{on=0} on' "$doc"; }
grep -q "<version>$version</version>" <(block 1) \
  || { echo "05-install: $doc does not name version $version" >&2; exit 1; }
application=$(block 3 | sed '/<\/\{0,1\}dependencies>/d')
for n in 1 2; do
  app="$work/app-$n"
  mkdir -p "$app/src/main/java/app" "$app/src/test/java/app"
  {
    cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>app</groupId>
  <artifactId>app-$n</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.1</version>
      </plugin>
      <plugin>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
    </plugins>
  </build>
POM
    block "$n" | awk -v app="$application" '/^<\/dependencies>$/{print app} {print}'
    echo '</project>'
  } > "$app/pom.xml"
  cat > "$app/src/main/java/app/Orders.java" <<'JAVA'
package app;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;

public class Orders {
  static long send(EntityManager em) {
    Outbox.of(em);
    return Pgmq.using(em).send("orders", Map.of("id", 1));
  }

  static PgmqConsumer consumer(EntityManagerFactory emf) {
    return PgmqConsumer.builder(emf).queue("orders").handler(Map.class, (m, ctx) -> {}).build();
  }
}
JAVA
  cat > "$app/src/test/java/app/OrdersTest.java" <<'JAVA'
package app;

import dev.pgmq.test.PgmqDatabaseTest;

@PgmqDatabaseTest
class OrdersTest {}
JAVA
  (cd "$app" && mvn -B -ntp -q -Dmaven.repo.local="$repo" test-compile)
  echo "05-install: snippet $n of $doc builds an application"
done
