package dev.pgmq.jpa.internal;

import jakarta.persistence.EntityManager;

/**
 * The insert-notification statements of {@link dev.pgmq.jpa.spi.InsertNotifications}, run on an
 * EntityManager's session inside its active transaction.
 */
public final class NotifyStatements {

  private NotifyStatements() {}

  /** Whether {@code queue} has insert notifications; false before PGMQ 1.11 (no way to tell). */
  public static boolean enabled(EntityManager em, String queue) {
    SessionStatements calls = statements(em);
    if (!calls.features().has(PgmqFeature.LIST_NOTIFY_INSERT_THROTTLES)) {
      return false;
    }
    return calls.first(
            "list_notify_insert_throttles", null, PgmqSql.NOTIFY_INSERT_ENABLED, Rows.COUNT, queue)
        > 0;
  }

  /** Sends one notification on {@code channel}, delivered when the transaction commits. */
  public static void probe(EntityManager em, String channel) {
    statements(em).first("pg_notify", null, PgmqSql.NOTIFY_PROBE, Rows.RESULT, channel);
  }

  private static SessionStatements statements(EntityManager em) {
    return new SessionStatements(new HibernateSessionRunner(em), false, null);
  }
}
