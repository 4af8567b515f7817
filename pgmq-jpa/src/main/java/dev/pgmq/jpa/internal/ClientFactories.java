package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.PgmqConfig;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/** Boots the entity-less Hibernate EntityManagerFactory (with a HikariCP pool) of a URL client. */
final class ClientFactories {

  private ClientFactories() {}

  static EntityManagerFactory create(ConnectionTarget target, PgmqConfig config) {
    HibernatePersistenceConfiguration cfg =
        new HibernatePersistenceConfiguration("pgmq-client")
            .jdbcUrl(target.jdbcUrl())
            .jdbcPoolSize(config.poolSize())
            .property("hibernate.connection.provider_class", "hikari")
            .property("hibernate.hikari.maximumPoolSize", String.valueOf(config.poolSize()))
            .property("hibernate.hikari.minimumIdle", "1")
            .property("hibernate.hikari.autoCommit", "true")
            .property("hibernate.hikari.poolName", "pgmq-client");
    if (target.user() != null) {
      cfg.jdbcCredentials(target.user(), target.password() == null ? "" : target.password());
    }
    return cfg.createEntityManagerFactory();
  }
}
