package dev.pgmq.it.cdi;

import dev.pgmq.test.TestDatabase;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/** Makes the test class's {@link TestDatabase} a bean of the container under test. */
public final class DatabaseBean implements Extension {

  private final TestDatabase db;

  public DatabaseBean(TestDatabase db) {
    this.db = db;
  }

  void add(@Observes AfterBeanDiscovery event) {
    event
        .<TestDatabase>addBean()
        .beanClass(TestDatabase.class)
        .types(TestDatabase.class, Object.class)
        .scope(Dependent.class)
        .createWith(c -> db);
  }
}
