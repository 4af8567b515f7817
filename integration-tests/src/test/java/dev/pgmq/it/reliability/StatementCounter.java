package dev.pgmq.it.reliability;

import dev.pgmq.jpa.testing.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts SQL twice over: as Hibernate's {@link StatementInspector} (every statement Hibernate
 * prepares, native queries included) and as the {@link ConnectionProvider} whose connections record
 * every statement executed on them (so JDBC work done in {@code Session.doWork}, as the outbox
 * does, counts too). A check passes only when both saw nothing.
 */
final class StatementCounter implements StatementInspector, ConnectionProvider {

  private static final long serialVersionUID = 1L;

  private final transient TestDatabase db;
  private final List<String> inspected = new CopyOnWriteArrayList<>();
  private final List<String> executed = new CopyOnWriteArrayList<>();

  StatementCounter(TestDatabase db) {
    this.db = db;
  }

  /** Statements Hibernate prepared since the last {@link #reset()}. */
  List<String> inspected() {
    return List.copyOf(inspected);
  }

  /** Statements executed on a connection since the last {@link #reset()}. */
  List<String> executed() {
    return List.copyOf(executed);
  }

  void reset() {
    inspected.clear();
    executed.clear();
  }

  @Override
  public String inspect(String sql) {
    inspected.add(sql);
    return sql;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection real = db.connect();
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {Connection.class}, new Handler(real));
  }

  @Override
  public void closeConnection(Connection connection) throws SQLException {
    connection.close();
  }

  @Override
  public boolean supportsAggressiveRelease() {
    return false;
  }

  @Override
  public boolean isUnwrappableAs(Class<?> type) {
    return false;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    throw new UnsupportedOperationException();
  }

  private final class Handler implements InvocationHandler {
    private final Connection real;

    Handler(Connection real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object result = call(real, method, args);
      if (result instanceof PreparedStatement ps && method.getName().startsWith("prepare")) {
        return recording(PreparedStatement.class, ps, (String) args[0]);
      }
      if (result instanceof Statement s && method.getName().equals("createStatement")) {
        return recording(Statement.class, s, null);
      }
      return result;
    }
  }

  private <S extends Statement> S recording(Class<S> type, S statement, String prepared) {
    return type.cast(
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getName().startsWith("execute")) {
                executed.add(prepared != null ? prepared : String.valueOf(args[0]));
              }
              return call(statement, method, args);
            }));
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
