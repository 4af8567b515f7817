package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.PgmqSchema;

/** Creates the pg_partman extension on demand, for partitioned queues. */
final class Partman {

  private Partman() {}

  static void ensure(SessionStatements calls) {
    Long state = calls.first("pg_partman check", null, PgmqSql.PARTMAN_STATE, Rows.COUNT);
    if (state != null && state == 0L) {
      return;
    }
    calls.onConnection(PgmqSchema::ensurePartman);
  }
}
