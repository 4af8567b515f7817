package dev.pgmq.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.PgmqConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * Deterministic ends for consumer tests, instead of sleeping.
 *
 * <ul>
 *   <li>{@link #awaitEmpty(TestDatabase, String, Duration)}: a consumer runs elsewhere; wait until
 *       it has acknowledged (or dead-lettered) every message of the queue, or fail listing what is
 *       left.
 *   <li>{@link #drain(TestDatabase, String, Class, Handler)}: no consumer runs; hand every visible
 *       message to a handler on the calling thread, one at a time, oldest first, deleting each one
 *       the handler returns from, until the queue has no visible message.
 * </ul>
 *
 * Stateless; each call uses a connection of its own, auto-commit on.
 */
public final class PgmqDrain {

  private static final Duration POLL = Duration.ofMillis(25);

  /** Handles one message of a {@link #drain}; throwing stops the drain. */
  @FunctionalInterface
  public interface Handler<T> {

    /** Handles {@code message}; it is deleted when this returns. */
    void handle(Message<T> message) throws Exception;
  }

  private PgmqDrain() {}

  /** {@link #awaitEmpty(TestDatabase, String, Duration)} on the running test's database. */
  public static void awaitEmpty(String queue, Duration timeout) {
    awaitEmpty(CurrentDatabase.get(), queue, timeout);
  }

  /**
   * Waits until {@code queue} holds no message at all (visible or not), checking every 25 ms.
   *
   * @throws AssertionError after {@code timeout}, listing the messages left
   */
  public static void awaitEmpty(TestDatabase db, String queue, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    QueueContents contents = PgmqAssertions.queue(db, queue);
    while (!contents.messages().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "queue '" + queue + "' was not drained within " + timeout + ": " + contents);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for queue '" + queue + "'", e);
      }
      contents = PgmqAssertions.queue(db, queue);
    }
  }

  /** {@link #drain(TestDatabase, String, Class, Handler)} on the running test's database. */
  public static <T> int drain(String queue, Class<T> type, Handler<T> handler) {
    return drain(CurrentDatabase.get(), queue, type, handler);
  }

  /**
   * Reads {@code queue} one message at a time ({@code pgmq.read}, 30 s visibility), decodes the
   * payload as {@code type} with PGMQ's default mapper, calls {@code handler} and deletes the
   * message, until no message is visible. Messages sent with a delay that has not passed are left.
   * When the handler throws, its message is made visible again ({@code set_vt} 0) and the drain
   * stops with an {@link AssertionError} carrying the failure.
   *
   * @return how many messages were handled
   */
  public static <T> int drain(TestDatabase db, String queue, Class<T> type, Handler<T> handler) {
    Objects.requireNonNull(db, "db");
    QueueContents.check(queue);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    ObjectMapper mapper = PgmqConfig.defaults().objectMapper();
    int handled = 0;
    try (Connection c = db.connect()) {
      Message<JsonNode> next;
      while ((next = readOne(c, queue, mapper)) != null) {
        Message<T> typed =
            new Message<>(
                next.msgId(),
                next.readCt(),
                next.enqueuedAt(),
                next.lastReadAt(),
                next.vt(),
                mapper.treeToValue(next.message(), type),
                next.headers());
        try {
          handler.handle(typed);
        } catch (Exception | AssertionError e) {
          call(c, "select pgmq.set_vt(?, ?, 0)", queue, next.msgId());
          throw new AssertionError(
              "handler failed on message #" + next.msgId() + " of '" + queue + "': " + e, e);
        }
        call(c, "select pgmq.delete(?, ?)", queue, next.msgId());
        handled++;
      }
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("could not drain queue '" + queue + "': " + e, e);
    }
    return handled;
  }

  private static Message<JsonNode> readOne(Connection c, String queue, ObjectMapper mapper)
      throws SQLException, java.io.IOException {
    try (PreparedStatement ps = c.prepareStatement("select * from pgmq.read(?, 30, 1)")) {
      ps.setString(1, queue);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return QueueContents.message(
            rs, QueueContents.hasColumn(rs.getMetaData(), "last_read_at"), mapper);
      }
    }
  }

  private static void call(Connection c, String sql, String queue, long msgId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, queue);
      ps.setLong(2, msgId);
      ps.executeQuery().close();
    }
  }
}
