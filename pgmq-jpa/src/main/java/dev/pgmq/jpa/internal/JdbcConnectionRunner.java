package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.internal.SessionStatements.RowReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs statements on a plain JDBC connection (the URL client's pooled connections): in auto-commit
 * mode each statement commits on its own; otherwise the caller owns the transaction. Binding, row
 * reading and error translation are those of the Hibernate path.
 */
final class JdbcConnectionRunner implements StatementRunner {

  private final Connection connection;
  private final Object featureKey;

  /** Statements on {@code connection}; features are cached by {@code featureKey} (its pool). */
  JdbcConnectionRunner(Connection connection, Object featureKey) {
    this.connection = connection;
    this.featureKey = featureKey;
  }

  @Override
  public <R> List<R> execute(
      String op, String queue, String sql, RowReader<R> reader, Object[] params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      SessionStatements.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return SessionStatements.readAll(rs, reader, new ArrayList<>(4));
      }
    } catch (SQLException | RuntimeException e) {
      throw ErrorTranslator.translate(op, queue, e);
    }
  }

  @Override
  public void onConnection(Consumer<Connection> work) {
    work.accept(connection);
  }

  /** The client creates this runner only in auto-commit mode or inside its own transaction. */
  @Override
  public boolean inTransaction() {
    return true;
  }

  @Override
  public Object featureKey() {
    return featureKey;
  }
}
