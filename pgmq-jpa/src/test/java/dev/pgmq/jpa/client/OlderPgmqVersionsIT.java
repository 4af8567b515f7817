package dev.pgmq.jpa.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.UnsupportedPgmqVersionException;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a PGMQ that lacks newer functions (simulated by dropping them), those operations fail with
 * "requires PGMQ ≥ x.y" and the rest keeps working. Runs on the extension as well as on the
 * SQL-only install (the class's database is its own).
 */
@PgmqDatabaseTest
class OlderPgmqVersionsIT {

  static PgmqClient client;

  @BeforeAll
  static void olderPgmq(TestDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      boolean extension;
      try (var rs = s.executeQuery("select count(*) from pg_extension where extname = 'pgmq'")) {
        rs.next();
        extension = rs.getLong(1) > 0;
      }
      for (String function :
          List.of(
              "pgmq.read_grouped_head(text, integer, integer)",
              "pgmq.bind_topic(text, text)",
              "pgmq.set_vt(text, bigint, timestamptz)")) {
        if (extension) {
          // a member of the extension must leave it before it can be dropped
          s.execute("alter extension pgmq drop function " + function);
        }
        s.execute("drop function " + function);
      }
    }
    client = PgmqClient.create(db.jdbcUrlWithCredentials());
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void missingFunctionsRaiseAClearVersionError() {
    client.createQueue("old");
    assertThatThrownBy(
            () ->
                client.readBatch(
                    "old",
                    ReadOptions.of(Duration.ZERO, 1).withFifo(FifoMode.HEADS_ONLY),
                    Object.class))
        .isInstanceOf(UnsupportedPgmqVersionException.class)
        .hasMessageContaining("readBatch(FifoMode.HEADS_ONLY) requires PGMQ ≥ 1.11.1");
    assertThatThrownBy(() -> client.bindTopic("a.*", "old"))
        .isInstanceOf(UnsupportedPgmqVersionException.class)
        .hasMessageContaining("requires PGMQ ≥ 1.11");
    assertThatThrownBy(() -> client.setVt("old", 1L, Instant.now()))
        .isInstanceOf(UnsupportedPgmqVersionException.class)
        .hasMessageContaining("requires PGMQ ≥ 1.10");
  }

  @Test
  void operationsThePgmqHasKeepWorking() {
    client.createQueue("still_fine");
    List<Long> ids = client.sendBatch("still_fine", List.of(1, 2));
    assertThat(
            client.readBatch(
                "still_fine",
                ReadOptions.of(Duration.ofSeconds(5), 5).withFifo(FifoMode.OLDEST_GROUP_FIRST),
                Integer.class))
        .hasSize(2);
    assertThat(client.setVt("still_fine", ids, Duration.ZERO)).hasSize(2);
  }
}
