package dev.pgmq.it.reliability;

import dev.pgmq.jpa.testing.CountingConnectionProvider;
import dev.pgmq.test.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts SQL twice over: as Hibernate's {@link StatementInspector} (every statement Hibernate
 * prepares, native queries included) and as the {@link CountingConnectionProvider} whose
 * connections record every statement executed on them (so JDBC work done in {@code Session.doWork},
 * as the outbox does, counts too). A check passes only when both saw nothing.
 */
final class StatementCounter extends CountingConnectionProvider implements StatementInspector {

  private static final long serialVersionUID = 1L;

  private final List<String> inspected = new CopyOnWriteArrayList<>();

  StatementCounter(TestDatabase db) {
    super(db);
  }

  /** Statements Hibernate prepared since the last {@link #reset()}. */
  List<String> inspected() {
    return List.copyOf(inspected);
  }

  @Override
  public void reset() {
    inspected.clear();
    super.reset();
  }

  @Override
  public String inspect(String sql) {
    inspected.add(sql);
    return sql;
  }
}
