package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.PgmqConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Boots the entity-less Hibernate EntityManagerFactory (with a HikariCP pool) of a URL client. */
final class ClientFactories {

  private ClientFactories() {}

  static EntityManagerFactory create(ConnectionTarget target, PgmqConfig config) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("jakarta.persistence.jdbc.url", target.jdbcUrl());
    settings.put("hibernate.connection.pool_size", String.valueOf(config.poolSize()));
    settings.put("hibernate.connection.provider_class", "hikari");
    settings.put("hibernate.hikari.maximumPoolSize", String.valueOf(config.poolSize()));
    settings.put("hibernate.hikari.minimumIdle", "1");
    settings.put("hibernate.hikari.autoCommit", "true");
    settings.put("hibernate.hikari.poolName", "pgmq-client");
    if (target.user() != null) {
      settings.put("jakarta.persistence.jdbc.user", target.user());
      settings.put(
          "jakarta.persistence.jdbc.password", target.password() == null ? "" : target.password());
    }
    return CodePersistenceUnit.boot("pgmq-client", List.of(), false, settings);
  }
}
