package dev.pgmq.it.cdi;

import dev.pgmq.test.TestDatabase;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import javax.sql.XAConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * A JTA-enlisting DataSource for Hibernate in Java SE: inside a JTA transaction, the first request
 * opens an XA connection from pgjdbc's {@link PGXADataSource}, enlists its {@code XAResource} in
 * the transaction and hands out that one connection for the rest of the transaction (its {@code
 * close} does nothing; the physical connection closes after completion). Outside a transaction it
 * hands out a plain auto-commit connection. With one resource per transaction the transaction
 * manager commits in one phase, so PostgreSQL needs no {@code max_prepared_transactions}. No pool:
 * one physical connection per transaction.
 */
public final class XaEnlistingDataSource implements DataSource {

  private final PGXADataSource xa = new PGXADataSource();
  private final PGSimpleDataSource plain = new PGSimpleDataSource();
  private final TransactionManager transactions;
  private final TransactionSynchronizationRegistry registry;

  public XaEnlistingDataSource(
      TestDatabase db,
      TransactionManager transactions,
      TransactionSynchronizationRegistry registry) {
    xa.setUrl(db.jdbcUrl());
    xa.setUser(db.user());
    xa.setPassword(db.password());
    plain.setUrl(db.jdbcUrl());
    plain.setUser(db.user());
    plain.setPassword(db.password());
    this.transactions = transactions;
    this.registry = registry;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Transaction tx = activeTransaction();
    if (tx == null) {
      return plain.getConnection();
    }
    Connection enlisted = (Connection) registry.getResource(this);
    if (enlisted == null) {
      enlisted = enlist(tx);
      registry.putResource(this, enlisted);
    }
    return enlisted;
  }

  private Transaction activeTransaction() throws SQLException {
    try {
      Transaction tx = transactions.getTransaction();
      return tx != null && tx.getStatus() == Status.STATUS_ACTIVE ? tx : null;
    } catch (SystemException e) {
      throw new SQLException("no transaction status", e);
    }
  }

  private Connection enlist(Transaction tx) throws SQLException {
    XAConnection physical = xa.getXAConnection();
    try {
      if (!tx.enlistResource(physical.getXAResource())) {
        throw new SQLException("the transaction refused the XA resource");
      }
      registry.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              try {
                physical.close();
              } catch (SQLException ignored) {
                // the transaction is over either way
              }
            }
          });
      return uncloseable(physical.getConnection());
    } catch (Exception e) {
      physical.close();
      throw e instanceof SQLException sql ? sql : new SQLException("enlisting failed", e);
    }
  }

  private static Connection uncloseable(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                return null;
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
