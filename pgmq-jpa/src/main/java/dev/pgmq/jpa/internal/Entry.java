package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.PgmqConfig;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the API's static factories ({@code Pgmq.using}, {@code PgmqClient.create}) enter the
 * implementation. Returns implementation types, so it depends on no API interface and the API never
 * depends back on a class that depends on it.
 */
public final class Entry {

  private Entry() {}

  /** Operations on {@code em}'s session, inside its active transaction; cheap. */
  public static PgmqOperations operations(EntityManager em, PgmqConfig config) {
    Objects.requireNonNull(em, "entityManager");
    Objects.requireNonNull(config, "config");
    return new SessionPgmq(
        new SessionStatements(new HibernateSessionRunner(em), false, null), JsonCodecs.of(config));
  }

  /** A client owning a new HikariCP pool (plain JDBC) for {@code jdbcUrlOrDsn}. */
  public static DefaultPgmqClient client(String jdbcUrlOrDsn, PgmqConfig config) {
    return DefaultPgmqClient.fromUrl(jdbcUrlOrDsn, config);
  }

  /** A client on the caller's factory (not closed by the client). */
  public static DefaultPgmqClient client(EntityManagerFactory emf, PgmqConfig config) {
    Objects.requireNonNull(emf, "entityManagerFactory");
    return DefaultPgmqClient.fromSupplier(emf::createEntityManager, config);
  }

  /** A client on the caller's EntityManager supplier. */
  public static DefaultPgmqClient client(Supplier<EntityManager> supplier, PgmqConfig config) {
    return DefaultPgmqClient.fromSupplier(
        Objects.requireNonNull(supplier, "entityManagers"), config);
  }
}
