package dev.pgmq.jpa.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pgmq.jpa.PgmqConfig;
import javax.sql.DataSource;

/**
 * Opens the plain HikariCP pool of a URL client (no Hibernate bootstrap). HikariCP and the
 * PostgreSQL JDBC driver are optional dependencies of pgmq-jpa: without them the URL client fails
 * with a message naming the missing artifact.
 */
final class ClientPools {

  static final String POOL_NAME = "pgmq-client";

  private ClientPools() {}

  static DataSource open(ConnectionTarget target, PgmqConfig config) {
    require(
        "com.zaxxer.hikari.HikariDataSource",
        "HikariCP (com.zaxxer:HikariCP) for its connection pool");
    require("org.postgresql.Driver", "the PostgreSQL JDBC driver (org.postgresql:postgresql)");
    return Hikari.open(target, config);
  }

  private static void require(String className, String what) {
    try {
      Class.forName(className, false, ClientPools.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "PgmqClient.create(url) needs "
              + what
              + " on the class path: add that dependency, or pass an EntityManagerFactory or"
              + " Supplier<EntityManager> to PgmqClient.create instead",
          e);
    }
  }

  /** Touches HikariCP's classes only once they are known to be present. */
  private static final class Hikari {

    static DataSource open(ConnectionTarget target, PgmqConfig config) {
      HikariConfig hikari = new HikariConfig();
      hikari.setPoolName(POOL_NAME);
      hikari.setDriverClassName("org.postgresql.Driver");
      hikari.setJdbcUrl(target.jdbcUrl());
      if (target.user() != null) {
        hikari.setUsername(target.user());
        hikari.setPassword(target.password() == null ? "" : target.password());
      }
      hikari.setMaximumPoolSize(config.poolSize());
      hikari.setMinimumIdle(1);
      hikari.setAutoCommit(true);
      return new HikariDataSource(hikari);
    }
  }
}
