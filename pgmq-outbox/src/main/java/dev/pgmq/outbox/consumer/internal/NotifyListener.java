package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.outbox.consumer.spi.NotifyConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code pgmq.q_<queue>.INSERT} on a dedicated connection and wakes waiting workers;
 * reconnects after failures. Thread-safe.
 */
final class NotifyListener implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifyListener.class);
  private static final int RECEIVE_TIMEOUT_MS = 250;
  private static final long RECONNECT_DELAY_MS = 1000;

  private final String channel;
  private final NotifyConnectionFactory connections;
  private final Object monitor = new Object();
  private long generation;
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile long lastNotifiedNanos = System.nanoTime() - TimeUnit.HOURS.toNanos(1);

  NotifyListener(String queue, NotifyConnectionFactory connections) {
    this.channel = "pgmq.q_" + queue + ".INSERT";
    this.connections = connections;
  }

  @Override
  public void run() {
    while (!closed) {
      try (Connection connection = connections.open()) {
        listen(connection);
      } catch (SQLException | RuntimeException e) {
        connected = false;
        if (!closed) {
          LOG.warn("listening on '{}' failed, retrying in {} ms", channel, RECONNECT_DELAY_MS, e);
          sleepQuietly(RECONNECT_DELAY_MS);
        }
      }
    }
    connected = false;
  }

  private void listen(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("LISTEN \"" + channel + "\"");
    }
    PGConnection pg = connection.unwrap(PGConnection.class);
    connected = true;
    signal(); // catch up on anything inserted while we were not listening
    try {
      while (!closed) {
        PGNotification[] notifications = pg.getNotifications(RECEIVE_TIMEOUT_MS);
        if (notifications != null && notifications.length > 0) {
          lastNotifiedNanos = System.nanoTime();
          signal();
        }
      }
    } finally {
      connected = false;
      try (Statement statement = connection.createStatement()) {
        statement.execute("UNLISTEN *");
      } catch (SQLException e) {
        LOG.debug("UNLISTEN failed", e);
      }
    }
  }

  /** The current notification count; pass it to {@link #await}. */
  long generation() {
    synchronized (monitor) {
      return generation;
    }
  }

  /** Whether the listening connection is up. */
  boolean connected() {
    return connected;
  }

  /** Nanoseconds since the last notification. */
  long nanosSinceLastNotification() {
    return System.nanoTime() - lastNotifiedNanos;
  }

  /**
   * Waits until a notification arrives after {@code seen} (or {@link #wakeAll()}), at most {@code
   * timeoutNanos}.
   */
  void await(long seen, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (monitor) {
      while (generation == seen && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
      }
    }
  }

  /** Wakes every waiting worker (on stop). */
  void wakeAll() {
    signal();
  }

  /** Stops listening; the thread ends within the receive timeout. */
  void close() {
    closed = true;
    signal();
  }

  private void signal() {
    synchronized (monitor) {
      generation++;
      monitor.notifyAll();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
