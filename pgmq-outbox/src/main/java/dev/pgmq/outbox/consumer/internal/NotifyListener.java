package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.jpa.spi.InsertNotifications;
import dev.pgmq.outbox.consumer.spi.NotifyConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
  private static final long PROBE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final String channel;
  private final NotifyConnectionFactory connections;
  private final Object monitor = new Object();
  private long generation;
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile boolean undeliverable;
  private final Consumer<String> probe;
  private boolean probed;
  private volatile long lastNotifiedNanos = System.nanoTime() - TimeUnit.HOURS.toNanos(1);

  /**
   * A listener on {@code queue}'s insert channel. {@code probe} sends a notification on the channel
   * it is given from another connection (or is null for no check): when that notification does not
   * arrive, notifications cannot reach this connection (a transaction-pooling PgBouncer, which
   * hands the LISTEN to a server connection the listener does not keep), and the listener gives up
   * so that workers wait in the database instead.
   */
  NotifyListener(String queue, NotifyConnectionFactory connections, Consumer<String> probe) {
    this.channel = InsertNotifications.channel(queue);
    this.connections = connections;
    this.probe = probe;
  }

  @Override
  public void run() {
    while (!closed && !undeliverable) {
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
      if (probe != null && !probed) {
        probed = true;
        if (!probeArrives(pg)) {
          undeliverable = true;
          LOG.warn(
              "notifications on '{}' do not reach the listening connection (behind a"
                  + " transaction-pooling PgBouncer?): idle workers wait in the database instead"
                  + " (set pollStrategy POLL to skip this check)",
              channel);
          signal();
          return;
        }
      }
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

  /** Sends a probe from another connection; whether any notification arrives within 3 s. */
  private boolean probeArrives(PGConnection pg) throws SQLException {
    try {
      probe.accept(channel);
    } catch (RuntimeException e) {
      LOG.warn("could not send a probe notification on '{}'", channel, e);
      return false;
    }
    long deadline = System.nanoTime() + PROBE_TIMEOUT_NANOS;
    while (!closed && System.nanoTime() < deadline) {
      PGNotification[] notifications = pg.getNotifications(RECEIVE_TIMEOUT_MS);
      if (notifications != null && notifications.length > 0) {
        lastNotifiedNanos = System.nanoTime();
        signal();
        return true;
      }
    }
    return closed;
  }

  /** Whether notifications were found not to reach the listener; workers then poll. */
  boolean undeliverable() {
    return undeliverable;
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
