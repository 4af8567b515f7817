package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.AsyncPgmq;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.PgmqSchema;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * The {@link PgmqClient}: one transaction per call, on resource-local EntityManagers of the
 * caller's factory or supplier, or (URL client) on plain pooled JDBC connections with no Hibernate
 * bootstrap. Thread-safe.
 */
public final class DefaultPgmqClient extends PgmqOperations implements PgmqClient {

  private final Supplier<EntityManager> entityManagers;
  private final PooledConnections pool;
  private final PgmqConfig config;
  private final ClientAsyncPgmq async;
  private volatile boolean schemaReady;
  private volatile boolean closed;

  private DefaultPgmqClient(
      Supplier<EntityManager> entityManagers, PooledConnections pool, PgmqConfig config) {
    super(new JsonCodec(config.objectMapper()));
    this.entityManagers = entityManagers;
    this.pool = pool;
    this.config = config;
    this.async = new ClientAsyncPgmq(this, config);
  }

  static DefaultPgmqClient fromUrl(String jdbcUrlOrDsn, PgmqConfig config) {
    Objects.requireNonNull(config, "config");
    ConnectionTarget target = ConnectionTarget.parse(jdbcUrlOrDsn);
    return new DefaultPgmqClient(
        null, new PooledConnections(ClientPools.open(target, config)), config);
  }

  static DefaultPgmqClient fromSupplier(Supplier<EntityManager> supplier, PgmqConfig config) {
    return new DefaultPgmqClient(supplier, null, Objects.requireNonNull(config, "config"));
  }

  @Override
  public <R> R inTransaction(Function<Pgmq, R> work) {
    Objects.requireNonNull(work, "work");
    checkOpen();
    if (!schemaReady) {
      ensureSchema();
    }
    if (pool != null) {
      return pool.inTransaction(
          c -> work.apply(new SessionPgmq(onConnection(c, false, null), codec)));
    }
    return transaction(em -> work.apply(new SessionPgmq(onSession(em, false, null), codec)));
  }

  /**
   * One operation in a transaction of its own: on this client's auto-commit connections as the
   * statement's own transaction (one round trip, no BEGIN/COMMIT), otherwise in an explicit
   * resource-local transaction. PGMQ is ensured on the same connection, but only once the operation
   * has checked its arguments and is about to run its first statement.
   */
  @Override
  <R> R call(Function<SessionStatements, R> operation) {
    checkOpen();
    if (pool != null) {
      return pool.autoCommitted(
          c ->
              operation.apply(onConnection(c, true, schemaReady ? null : () -> ensureSchemaOn(c))));
    }
    EntityManager em = entityManagers.get();
    if (em == null) {
      throw new IllegalStateException("the EntityManager supplier returned null");
    }
    try {
      if (!em.unwrap(Session.class).doReturningWork(Connection::getAutoCommit)) {
        if (!schemaReady) {
          ensureSchema();
        }
        return inTransaction(em, e -> operation.apply(onSession(e, false, null)));
      }
      Runnable ensure = schemaReady ? null : () -> ensureSchemaOn(em);
      return operation.apply(onSession(em, true, ensure));
    } finally {
      em.close();
    }
  }

  private void ensureSchemaOn(EntityManager em) {
    em.unwrap(Session.class).doWork(this::ensureSchemaOn);
  }

  private synchronized void ensureSchemaOn(Connection c) {
    if (schemaReady) {
      return;
    }
    // auto-commit connection: PgmqSchema.ensure runs and commits a transaction of its own
    PgmqSchema.ensure(c, config.schemaMode());
    schemaReady = true;
  }

  private SessionStatements onConnection(Connection c, boolean autoCommitted, Runnable before) {
    return new SessionStatements(
        new JdbcConnectionRunner(c, pool.dataSource()), autoCommitted, before);
  }

  private static SessionStatements onSession(
      EntityManager em, boolean autoCommitted, Runnable before) {
    return new SessionStatements(new HibernateSessionRunner(em), autoCommitted, before);
  }

  @Override
  public void useTransaction(Consumer<Pgmq> work) {
    Objects.requireNonNull(work, "work");
    inTransaction(
        p -> {
          work.accept(p);
          return null;
        });
  }

  @Override
  public AsyncPgmq async() {
    checkOpen();
    return async;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    async.close();
    if (pool != null) {
      pool.close();
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this PgmqClient is closed");
    }
  }

  private synchronized void ensureSchema() {
    if (schemaReady) {
      return;
    }
    if (pool != null) {
      pool.autoCommitted(c -> PgmqSchema.ensure(c, config.schemaMode()));
      schemaReady = true;
      return;
    }
    transaction(
        em -> {
          em.unwrap(Session.class).doWork(c -> PgmqSchema.ensure(c, config.schemaMode()));
          return null;
        });
    schemaReady = true;
  }

  private <R> R transaction(Function<EntityManager, R> work) {
    EntityManager em = entityManagers.get();
    if (em == null) {
      throw new IllegalStateException("the EntityManager supplier returned null");
    }
    try {
      return inTransaction(em, work);
    } finally {
      em.close();
    }
  }

  private static <R> R inTransaction(EntityManager em, Function<EntityManager, R> work) {
    EntityTransaction tx = em.getTransaction();
    tx.begin();
    R result;
    try {
      result = work.apply(em);
    } catch (RuntimeException | Error e) {
      rollback(tx, e);
      throw e;
    }
    try {
      tx.commit();
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate("commit", null, e);
    }
    return result;
  }

  private static void rollback(EntityTransaction tx, Throwable failure) {
    try {
      if (tx.isActive()) {
        tx.rollback();
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
