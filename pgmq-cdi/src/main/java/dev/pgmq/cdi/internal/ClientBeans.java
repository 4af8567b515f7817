package dev.pgmq.cdi.internal;

import dev.pgmq.cdi.PgmqCdiException;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.spi.PersistenceUnits;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.concurrent.ThreadFactory;

/**
 * Creates the {@code @Inject PgmqClient} bean over the application's EntityManagerFactory; its
 * async executor takes the container's managed threads when there are some.
 */
final class ClientBeans {

  private ClientBeans() {}

  static PgmqClient create(Instance<Object> lookup) {
    EntityManagerFactory factory = lookup.select(EntityManagerFactory.class).get();
    if (PersistenceUnits.usesJta(factory)) {
      throw new PgmqCdiException(
          "@Inject PgmqClient needs a resource-local EntityManagerFactory (each call commits its"
              + " own transaction); the application's factory uses JTA: inject Pgmq instead, whose"
              + " calls join the current JTA transaction");
    }
    PgmqConfig config = Configs.of(lookup.select(PgmqConfig.class));
    if (config.threadFactory() == null && config.asyncExecutor() == null) {
      ThreadFactory managed = ManagedThreads.find(lookup.select(BeanManager.class).get());
      if (managed != null) {
        config = config.toBuilder().threadFactory(managed).build();
      }
    }
    return PgmqClient.create(factory, config);
  }
}
