package dev.pgmq.jpa.internal;

/** Creates the pg_partman extension on demand, for partitioned queues. */
final class Partman {

  private Partman() {}

  static void ensure(NativeCalls calls) {
    int state = ((Number) calls.single("pg_partman check", null, PgmqSql.PARTMAN_STATE)).intValue();
    if (state == 1) {
      try {
        NativeCalls.query(calls.entityManager(), PgmqSql.CREATE_PARTMAN).executeUpdate();
      } catch (RuntimeException e) {
        throw ErrorTranslator.translate("create extension pg_partman", null, e);
      }
    } else if (state == 2) {
      throw EntityManagerPgmq.partmanMissing();
    }
  }
}
