package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.PgmqSchemaException;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a database without PGMQ, every operation fails with a {@link PgmqSchemaException} that says
 * what is missing and how to install it (not a bare "schema does not exist").
 */
@PgmqDatabaseTest(installPgmq = false)
class MissingPgmqIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void start(TestDatabase db) {
    emf =
        new TestPersistenceUnit("missing-pgmq")
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(2)
            .createEntityManagerFactory();
  }

  @AfterAll
  static void stop() {
    emf.close();
  }

  @Test
  void operationsOnTheCallersEntityManagerSayPgmqIsMissingAndHowToInstallIt() {
    inTransaction(pgmq -> assertMissing(() -> pgmq.createQueue("orders")));
    inTransaction(pgmq -> assertMissing(() -> pgmq.send("orders", Map.of("id", 1))));
    inTransaction(pgmq -> assertMissing(() -> pgmq.read("orders", Duration.ofSeconds(5))));
    inTransaction(pgmq -> assertMissing(pgmq::listQueues));
  }

  @Test
  void aClientThatMayNotInstallPgmqSaysItIsMissing() {
    PgmqConfig none = PgmqConfig.builder().schemaMode(SchemaMode.NONE).build();
    try (PgmqClient client = PgmqClient.create(emf, none)) {
      assertThatThrownBy(() -> client.send("orders", 1)).isInstanceOf(PgmqSchemaException.class);
    }
  }

  private static void inTransaction(Consumer<Pgmq> work) {
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      try {
        work.accept(Pgmq.using(em));
      } finally {
        em.getTransaction().rollback();
      }
    }
  }

  static void assertMissing(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(PgmqSchemaException.class)
        .hasMessageContaining("PGMQ is not installed in this database")
        .hasMessageContaining("PgmqSchema.ensure")
        .hasMessageContaining("CREATE EXTENSION pgmq")
        .hasMessageContaining("dev.pgmq.jpa.PgmqSqlScript")
        .satisfies(
            e ->
                assertThat(e)
                    .rootCause()
                    .isInstanceOf(SQLException.class)
                    .extracting(c -> ((SQLException) c).getSQLState())
                    .isEqualTo("3F000"));
  }
}
