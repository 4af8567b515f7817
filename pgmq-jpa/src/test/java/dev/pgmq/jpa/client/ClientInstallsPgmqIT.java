package dev.pgmq.jpa.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.PgmqSchemaException;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A client makes sure PGMQ is installed on first use, per its schema mode. */
@PgmqDatabaseTest(installPgmq = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientInstallsPgmqIT {

  @Test
  @Order(1)
  void modeNoneOnADatabaseWithoutPgmqFailsClearly(TestDatabase db) {
    PgmqConfig none = PgmqConfig.builder().schemaMode(SchemaMode.NONE).build();
    try (PgmqClient client = PgmqClient.create(db.jdbcUrlWithCredentials(), none)) {
      assertThatThrownBy(client::listQueues).isInstanceOf(PgmqSchemaException.class);
    }
  }

  @Test
  @Order(2)
  void theFirstCallInstallsPgmq(TestDatabase db) {
    try (PgmqClient client = PgmqClient.create(db.jdbcUrlWithCredentials())) {
      client.createQueue("installed");
      client.send("installed", 1);
      assertThat(client.read("installed", Duration.ofSeconds(5))).isPresent();
    }
  }
}
