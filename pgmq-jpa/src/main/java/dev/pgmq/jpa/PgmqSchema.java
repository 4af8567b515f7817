package dev.pgmq.jpa;

import java.sql.Connection;

/** Makes sure PGMQ is usable in a database. (Being written.) */
public final class PgmqSchema {

  private PgmqSchema() {}

  /** Makes sure PGMQ is installed on {@code connection}'s database, per {@code mode}. */
  public static void ensure(Connection connection, SchemaMode mode) {
    throw new UnsupportedOperationException("not yet");
  }
}
