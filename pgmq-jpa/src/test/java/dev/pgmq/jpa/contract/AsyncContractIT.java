package dev.pgmq.jpa.contract;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract through the async twins ({@code client.async()}), every call waited for; the client
 * runs on the test's EntityManagerFactory.
 */
class AsyncContractIT extends PgmqContract {

  static EntityManagerFactory emf;
  static PgmqClient client;

  @BeforeAll
  static void start(TestDatabase db) {
    emf =
        new TestPersistenceUnit("async-contract")
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(4)
            .createEntityManagerFactory();
    client = PgmqClient.create(emf);
  }

  @AfterAll
  static void stop() {
    client.close();
    emf.close();
  }

  @Override
  Pgmq pgmq() {
    return PerCallTransactions.blockingOn(client.async());
  }
}
