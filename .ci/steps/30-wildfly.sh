#!/usr/bin/env bash
# The sample WAR on real Jakarta EE servers: WildFly 39.0.1.Final (EE 10, the server's Hibernate
# ORM 6.6) and WildFly Preview 39.0.1.Final (EE 11, Hibernate ORM 7.1), both unpacked from Maven
# Central by the build, configured offline with jboss-cli, bound to 127.0.0.1 and driven over HTTP
# by integration-tests-wildfly (profile wildfly). The tests start and stop the servers themselves.
set -euo pipefail
cd "$(dirname "$0")/../.."

export PGMQ_TEST_JDBC_URL="${PGMQ_TEST_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
# Upstream modules are built, not tested again (-Dtest=none): their tests ran in the README's command.
mvn -B -ntp -Pwildfly -pl integration-tests-wildfly -am verify \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
