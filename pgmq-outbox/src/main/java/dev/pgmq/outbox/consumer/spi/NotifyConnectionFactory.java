package dev.pgmq.outbox.consumer.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the dedicated PostgreSQL connection a consumer with {@code PollStrategy.LISTEN} listens on.
 * The connection must be a pgjdbc connection (or unwrap to {@code org.postgresql.PGConnection}) in
 * auto-commit mode; the consumer keeps it open while it runs and closes it when it stops or when
 * the connection fails (then it opens a new one). By default the consumer takes one from the
 * connection pool of its {@code EntityManagerFactory}.
 *
 * <p>Called from the consumer's listener thread only.
 */
@FunctionalInterface
public interface NotifyConnectionFactory {

  /** Opens a new connection that the caller closes. */
  Connection open() throws SQLException;
}
