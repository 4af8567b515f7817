package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.internal.SessionStatements.RowReader;
import java.sql.Connection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where PGMQ statements run: the JDBC connection of a Hibernate session ({@link
 * HibernateSessionRunner}) or a plain pooled JDBC connection ({@link JdbcConnectionRunner}). Both
 * bind the same way ({@link SessionStatements#bind}) and translate every failure with {@link
 * ErrorTranslator}; the operations themselves are written once, in {@link PgmqOperations}.
 */
interface StatementRunner {

  /** Every row of {@code sql}; failures come back translated. */
  <R> List<R> execute(String op, String queue, String sql, RowReader<R> reader, Object[] params);

  /** Runs {@code work} on the underlying JDBC connection. */
  void onConnection(Consumer<Connection> work);

  /** Whether statements run inside an active transaction. */
  boolean inTransaction();

  /** What detected {@link PgmqFeatures} are cached by: the factory or the data source. */
  Object featureKey();
}
