package dev.pgmq.it.cdi;

import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.TestDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;

/**
 * An {@code @ApplicationScoped EntityManagerFactory} bean whose pooled connections name themselves
 * {@value #POOL} in {@code pg_stat_activity}, so a test can tell them from others.
 */
@ApplicationScoped
public class NamedPoolPersistence {

  static final String POOL = "pgmq-it-pool";

  @Produces
  @ApplicationScoped
  EntityManagerFactory factory(TestDatabase db) {
    return CdiApp.open(
        new TestPersistenceUnit("cdi-named-pool")
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(4)
            .property("hibernate.hikari.dataSource.ApplicationName", POOL));
  }

  void close(@Disposes EntityManagerFactory factory) {
    CdiApp.close(factory);
  }
}
