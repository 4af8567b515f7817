package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.PgmqSchemaException;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a database without PGMQ the outbox's flush and a consumer's start fail with a {@link
 * PgmqSchemaException} saying PGMQ is missing and how to install it.
 */
@PgmqDatabaseTest(installPgmq = false)
class MissingPgmqIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void start(TestDatabase db) {
    emf =
        new TestPersistenceUnit("outbox-missing-pgmq")
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
  void theOutboxFlushSaysPgmqIsMissingAndHowToInstallIt() {
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Outbox.of(em).publish(new AuditNote("hello"));
      assertThatThrownBy(em::flush)
          .satisfies(
              e ->
                  assertThat(chainOf(e))
                      .filteredOn(PgmqSchemaException.class::isInstance)
                      .singleElement()
                      .satisfies(
                          s ->
                              assertThat(s.getMessage())
                                  .contains("PGMQ is not installed in this database")
                                  .contains("PgmqSchema.ensure")
                                  .contains("CREATE EXTENSION pgmq")));
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
    }
  }

  @Test
  void aConsumerStartSaysPgmqIsMissing() {
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf).queue("audit").handler(JsonNode.class, (p, c) -> {}).build();
    assertThatThrownBy(consumer::start)
        .isInstanceOf(PgmqSchemaException.class)
        .hasMessageContaining("PGMQ is not installed in this database");
    consumer.close();
  }

  private static java.util.List<Throwable> chainOf(Throwable e) {
    java.util.List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && chain.size() < 20; t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
