package dev.pgmq.jpa.contract;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on {@code Pgmq.using(entityManager)}, one committed transaction per call. */
class EntityManagerContractIT extends PgmqContract {

  static EntityManagerFactory emf;

  @BeforeAll
  static void start(TestDatabase db) {
    emf =
        new TestPersistenceUnit("contract")
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(4)
            .createEntityManagerFactory();
  }

  @AfterAll
  static void stop() {
    emf.close();
  }

  @Override
  Pgmq pgmq() {
    return PerCallTransactions.using(emf);
  }
}
