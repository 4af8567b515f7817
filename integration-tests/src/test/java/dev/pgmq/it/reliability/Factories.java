package dev.pgmq.it.reliability;

import dev.pgmq.jpa.testing.TestPersistenceUnit;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;

/** Persistence units over the suite's entities, for the parent JVM and its child processes. */
final class Factories {

  private Factories() {}

  /** A factory over {@link TrackedOrder} and {@link OrderEffect}; tables created when missing. */
  static EntityManagerFactory orders(
      String jdbcUrl, String user, String password, int poolSize, Map<String, Object> extra) {
    TestPersistenceUnit cfg =
        new TestPersistenceUnit("reliability")
            .managedClasses(TrackedOrder.class, OrderEffect.class)
            .jdbcUrl(jdbcUrl)
            .jdbcCredentials(user, password)
            .jdbcPoolSize(poolSize)
            .property("hibernate.hbm2ddl.auto", "update");
    extra.forEach(cfg::property);
    return cfg.createEntityManagerFactory();
  }

  static EntityManagerFactory orders(String jdbcUrl, String user, String password, int poolSize) {
    return orders(jdbcUrl, user, password, poolSize, Map.of());
  }
}
