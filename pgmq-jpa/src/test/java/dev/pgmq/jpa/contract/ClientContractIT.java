package dev.pgmq.jpa.contract;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.test.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on a {@link PgmqClient} created from a JDBC URL (plain pooled JDBC, no Hibernate):
 * each call commits itself.
 */
class ClientContractIT extends PgmqContract {

  static PgmqClient client;

  @BeforeAll
  static void start(TestDatabase db) {
    client = PgmqClient.create(db.jdbcUrlWithCredentials());
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Override
  Pgmq pgmq() {
    return client;
  }

  /** The URL client runs on plain pooled JDBC: the driver's exception is the cause. */
  @Override
  Class<? extends Exception> databaseFailureCause() {
    return SQLException.class;
  }
}
