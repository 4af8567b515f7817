package dev.pgmq.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A self-managed PGMQ client (the seed's {@code PGMQueue}): every {@link Pgmq} operation runs in a
 * transaction of its own, committed before the call returns and rolled back when it fails. (Each
 * operation is a single statement: where the client's connections are in auto-commit mode, as they
 * are in the pool of {@link #create(String)}, it runs as that statement's own transaction, saving
 * the BEGIN/COMMIT round trip; otherwise in an explicit resource-local transaction.) Use {@link
 * #inTransaction(Function)} or {@link #useTransaction(Consumer)} to run several operations in one
 * transaction, and {@link #async()} to run them asynchronously.
 *
 * <pre>{@code
 * try (PgmqClient client = PgmqClient.create("postgresql://app:secret@localhost:5432/app")) {
 *   client.createQueue("orders");
 *   long id = client.send("orders", new OrderPlaced(42));
 *   client.read("orders", Duration.ofSeconds(30), OrderPlaced.class)
 *       .ifPresent(m -> client.delete("orders", m.msgId()));
 * }
 * }</pre>
 *
 * <p>On first use the client makes sure PGMQ is installed, through {@link PgmqSchema} with {@link
 * PgmqConfig#schemaMode()}. It needs resource-local transactions ({@code
 * EntityManager.getTransaction()}); in a JTA container use {@link Pgmq#using(EntityManager)} inside
 * the container's transaction instead.
 *
 * <p><b>Thread-safety:</b> a client is thread-safe; each call uses a pooled connection (and, on a
 * factory or supplier, an EntityManager) of its own. {@link #close()} closes only what the client
 * created: the connection pool of {@link #create(String)}, its own async executor; never a factory
 * or supplier it was given.
 */
public interface PgmqClient extends Pgmq, AutoCloseable {

  /**
   * A client on its own HikariCP pool ({@link PgmqConfig#poolSize()} plain JDBC connections, pool
   * name {@code pgmq-client}; no Hibernate bootstrap), with default configuration. Needs HikariCP
   * ({@code com.zaxxer:HikariCP}) and the PostgreSQL JDBC driver on the class path (optional
   * dependencies of pgmq-jpa).
   *
   * @param jdbcUrlOrDsn a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=u&password=p}) or a
   *     libpq-style DSN ({@code postgresql://user:password@host:5432/db}, also {@code postgres://})
   * @throws IllegalStateException when HikariCP or the PostgreSQL driver is not on the class path,
   *     naming the missing dependency
   */
  static PgmqClient create(String jdbcUrlOrDsn) {
    return create(jdbcUrlOrDsn, PgmqConfig.defaults());
  }

  /** {@link #create(String)} with {@code config}. */
  static PgmqClient create(String jdbcUrlOrDsn, PgmqConfig config) {
    return dev.pgmq.jpa.internal.Entry.client(jdbcUrlOrDsn, config);
  }

  /**
   * A client on an application's (resource-local) EntityManagerFactory; each call creates an
   * EntityManager and closes it. The factory is not closed by {@link #close()}.
   */
  static PgmqClient create(EntityManagerFactory entityManagerFactory) {
    return create(entityManagerFactory, PgmqConfig.defaults());
  }

  /** {@link #create(EntityManagerFactory)} with {@code config}. */
  static PgmqClient create(EntityManagerFactory entityManagerFactory, PgmqConfig config) {
    return dev.pgmq.jpa.internal.Entry.client(entityManagerFactory, config);
  }

  /**
   * A client that takes a new (resource-local) EntityManager from {@code entityManagers} for every
   * transaction and closes it afterwards (the seed's {@code session_maker}).
   */
  static PgmqClient create(Supplier<EntityManager> entityManagers) {
    return create(entityManagers, PgmqConfig.defaults());
  }

  /** {@link #create(Supplier)} with {@code config}. */
  static PgmqClient create(Supplier<EntityManager> entityManagers, PgmqConfig config) {
    return dev.pgmq.jpa.internal.Entry.client(entityManagers, config);
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * The {@link Pgmq} passed in is only valid inside {@code work}, on the calling thread.
   *
   * @return what {@code work} returned
   */
  <R> R inTransaction(Function<Pgmq, R> work);

  /** {@link #inTransaction(Function)} for work that returns nothing. */
  void useTransaction(Consumer<Pgmq> work);

  /**
   * Runs operations of this client asynchronously, on {@link PgmqConfig#asyncExecutor()} (or the
   * client's own executor, at most {@link PgmqConfig#poolSize()} threads).
   */
  AsyncPgmq async();

  /** Closes what the client created; later calls fail with {@link IllegalStateException}. */
  @Override
  void close();
}
