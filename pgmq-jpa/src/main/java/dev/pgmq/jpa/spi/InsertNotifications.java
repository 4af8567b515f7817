package dev.pgmq.jpa.spi;

import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.PgmqException;
import dev.pgmq.jpa.internal.NotifyStatements;
import jakarta.persistence.EntityManager;
import java.util.Objects;

/**
 * PGMQ's insert notifications ({@code pgmq.enable_notify_insert}) as a consumer that LISTENs for
 * them needs them: the channel, whether a queue has them, and a probe that checks that
 * notifications reach the listening connection. The statements run on the EntityManager's
 * connection inside its active transaction (never committed here). Stateless.
 */
public final class InsertNotifications {

  private InsertNotifications() {}

  /**
   * The channel PGMQ notifies on when a message is inserted into {@code queue}: {@code
   * pgmq.q_<queue>.INSERT} (LISTEN needs it double-quoted).
   *
   * @throws InvalidQueueNameException when {@code queue} is not a valid name
   */
  public static String channel(String queue) {
    return "pgmq.q_" + QueueNames.check(queue) + ".INSERT";
  }

  /**
   * Whether {@code queue} has insert notifications enabled. Always {@code false} before PGMQ 1.11,
   * which cannot list them ({@code pgmq.list_notify_insert_throttles}).
   *
   * @throws PgmqException when the lookup fails
   */
  public static boolean enabled(EntityManager em, String queue) {
    Objects.requireNonNull(em, "em");
    return NotifyStatements.enabled(em, QueueNames.check(queue));
  }

  /**
   * Sends one notification on {@code channel} ({@code pg_notify}); it is delivered when the
   * EntityManager's transaction commits.
   *
   * @throws PgmqException when the statement fails
   */
  public static void probe(EntityManager em, String channel) {
    Objects.requireNonNull(em, "em");
    NotifyStatements.probe(em, Objects.requireNonNull(channel, "channel"));
  }
}
