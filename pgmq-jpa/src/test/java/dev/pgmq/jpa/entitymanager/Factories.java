package dev.pgmq.jpa.entitymanager;

import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;

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
