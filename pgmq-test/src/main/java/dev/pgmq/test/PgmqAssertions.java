package dev.pgmq.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Entry point of the queue assertions.
 *
 * <pre>{@code
 * import static dev.pgmq.test.PgmqAssertions.assertThat;
 * import static dev.pgmq.test.PgmqAssertions.queue;
 *
 * assertThat(queue("orders")).hasMessages(2);
 * assertThat(queue("orders")).payloads(OrderPlaced.class).extracting(OrderPlaced::orderId).containsExactly(1L, 2L);
 * assertThat(queue("orders")).allHaveHeader("event-type", "order.placed");
 * assertThat(queue("orders")).message(0).hasHeader("traceparent");
 * }</pre>
 *
 * <p>{@link #queue(String)} reads the database of the running {@link PgmqDatabaseTest} (on the
 * test's thread); the other overloads read a given database or connection. Each call reads the
 * queue once, when called: assert after the transaction you test has committed (or on its own
 * connection, before).
 */
public final class PgmqAssertions {

  private PgmqAssertions() {}

  /** Assertions on {@code contents}. */
  public static QueueAssert assertThat(QueueContents contents) {
    return new QueueAssert(contents);
  }

  /**
   * The messages of {@code queue} in the running test's database, read now.
   *
   * @throws IllegalStateException outside a {@link PgmqDatabaseTest} test thread
   */
  public static QueueContents queue(String queue) {
    return queue(CurrentDatabase.get(), queue);
  }

  /** The messages of {@code queue} in {@code db}, read now on a connection of its own. */
  public static QueueContents queue(TestDatabase db, String queue) {
    Objects.requireNonNull(db, "db");
    QueueContents.check(queue);
    try (Connection c = db.connect()) {
      return QueueContents.read(c, queue);
    } catch (SQLException e) {
      throw new IllegalStateException("could not connect to " + db, e);
    }
  }

  /** The messages of {@code queue} as {@code connection} sees them now (left open). */
  public static QueueContents queue(Connection connection, String queue) {
    return QueueContents.read(connection, queue);
  }
}
