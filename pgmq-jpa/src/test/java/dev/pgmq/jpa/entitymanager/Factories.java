package dev.pgmq.jpa.entitymanager;

import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import dev.pgmq.jpa.testing.TestPersistenceUnit;

/** The tests' EntityManagerFactory: one entity, statements recorded. */
final class Factories {

  private Factories() {}

  static EntityManagerFactory create(TestDatabase db, RecordingInspector inspector) {
    return new TestPersistenceUnit("entitymanager-tests")
        .managedClasses(PurchaseOrder.class)
        .jdbcUrl(db.jdbcUrl())
        .jdbcCredentials(db.user(), db.password())
        .jdbcPoolSize(4)
        .statementInspector(inspector)
        .property("hibernate.hbm2ddl.auto", "create")
        .createEntityManagerFactory();
  }
}
