package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PollStrategy;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * A consumer built over an injected {@code EntityManagerFactory} (a client proxy) takes its LISTEN
 * connection from the persistence unit's pool, not from a connection of its own beside the pool.
 */
@PgmqDatabaseTest
class ListenConnectionIT {

  @Test
  void listenConnectionOfAConsumerOverAnInjectedFactoryComesFromItsPool(TestDatabase db)
      throws Exception {
    try (WeldContainer app = CdiApp.start(db, NamedPoolPersistence.class)) {
      EntityManagerFactory injected = app.select(EntityManagerFactory.class).get();
      String queue = db.uniqueName("listen_pool");
      try (PgmqClient client = PgmqClient.create(injected)) {
        client.createQueue(queue);
      }
      try (PgmqConsumer consumer =
          PgmqConsumer.builder(injected)
              .queue(queue)
              .pollStrategy(PollStrategy.LISTEN)
              .shutdownTimeout(Duration.ofSeconds(2))
              .handler(JsonNode.class, (payload, context) -> {})
              .build()) {
        consumer.start();

        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(listeningApplications(db))
                        .containsExactly(NamedPoolPersistence.POOL));
      }
    }
  }

  /** The application name of every session of the test database that has run a LISTEN. */
  private static java.util.List<String> listeningApplications(TestDatabase db) throws Exception {
    java.util.List<String> names = new java.util.ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select application_name from pg_stat_activity where datname = current_database()"
                    + " and query like 'LISTEN %'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
