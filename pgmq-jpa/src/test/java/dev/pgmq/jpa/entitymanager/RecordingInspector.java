package dev.pgmq.jpa.entitymanager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Records every SQL statement Hibernate prepares. */
final class RecordingInspector implements StatementInspector {

  private static final long serialVersionUID = 1L;

  final List<String> statements = new CopyOnWriteArrayList<>();

  @Override
  public String inspect(String sql) {
    statements.add(sql);
    return sql;
  }

  List<String> since(int mark) {
    return List.copyOf(statements.subList(mark, statements.size()));
  }
}
