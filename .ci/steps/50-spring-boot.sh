#!/usr/bin/env bash
# The Spring Boot starter and its example on the line the README's test command does not cover, and
# on virtual threads (the README's command runs both modules on Spring Boot 4.0.x, Java 17):
#  1. Spring Boot 3.5.x (Hibernate ORM 6.6, Jakarta Persistence 3.1) with Boot's own managed
#     versions (-Pboot35): every starter test and the example's test;
#  2. Spring Boot 4.0.x on a Java 21+ JDK: SpringListenerIT, whose virtual-thread test then
#     requires the listener threads to be virtual (spring.threads.virtual.enabled=true).
# Formatting is checked once, by the README's command. Needs a JDK 21+ for part 2: the newest one under /usr/lib/jvm, else openjdk-21 from apt-get.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGMQ_TEST_JDBC_URL="${PGMQ_TEST_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"

started=$(date +%s)
mvn -B -ntp -pl pgmq-spring-boot,examples-spring-boot -am verify -Pboot35 -Dspotless.check.skip=true \
  -Dtest='dev/pgmq/spring/**/*IT,dev/pgmq/example/spring/*IT' \
  -Dsurefire.failIfNoSpecifiedTests=false
echo "50-spring-boot: Spring Boot 3.5 line done in $(( $(date +%s) - started )) s"

jdk_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
modern=""
for home in /usr/lib/jvm/*; do
  [ -x "$home/bin/javac" ] || continue
  feature=$(jdk_feature "$home")
  if [ "${feature:-0}" -ge 21 ]; then modern="$home"; fi
done
if [ -z "$modern" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q openjdk-21-jdk-headless >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q openjdk-21-jdk-headless >/dev/null; }
  modern=/usr/lib/jvm/java-21-openjdk-amd64
fi
echo "50-spring-boot: virtual threads on $modern (Java $(jdk_feature "$modern"))"
started=$(date +%s)
JAVA_HOME="$modern" mvn -B -ntp -pl pgmq-spring-boot -am verify -Dspotless.check.skip=true \
  -Dtest='dev/pgmq/spring/SpringListenerIT' \
  -Dsurefire.failIfNoSpecifiedTests=false
echo "50-spring-boot: Spring Boot 4.0 line on Java $(jdk_feature "$modern") done in $(( $(date +%s) - started )) s"
