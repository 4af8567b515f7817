#!/usr/bin/env bash
# The outbox, consumer and reliability suites once more with the outbox's direct insert turned off
# (pgmq.outbox.direct-insert=false, read by Hibernate from the system properties), so both send
# paths (static INSERT into the queue table, and pgmq.send_batch) pass the same tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGMQ_TEST_JDBC_URL="${PGMQ_TEST_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
mvn -B -ntp -pl pgmq-outbox,integration-tests -am verify \
  -Dpgmq.outbox.direct-insert=false \
  -Dtest='dev/pgmq/outbox/**/*Test,dev/pgmq/outbox/**/*IT,dev/pgmq/it/reliability/*IT,dev/pgmq/it/cdi/*OutboxIT' \
  -Dsurefire.failIfNoSpecifiedTests=false
