package dev.pgmq.it.reliability;

import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.PRIVILEGE_CHECKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqException;
import dev.pgmq.jpa.PgmqPermissionException;
import dev.pgmq.jpa.PgmqStatementException;
import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.NonRetryableException;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Least privilege: with PGMQ installed (by a superuser), a producer role and a consumer role that
 * hold exactly the grants below do all their work, and each grant is necessary: without it the work
 * fails with a typed permission error (SQLSTATE 42501). Function {@code EXECUTE} is revoked from
 * {@code PUBLIC} in this database, so it must be granted too. None of the roles is a superuser or
 * may create anything. These lists are the ones the README section "Guarantees" documents.
 */
@PgmqDatabaseTest
@ExtendWith(ReliabilitySummary.class)
class LeastPrivilegeIT {

  private static final String QUEUE = OrderPlaced.QUEUE;
  private static final String DLQ = QUEUE + "_dlq";
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String PRODUCER = "pgmq_it_producer_" + SUFFIX;
  private static final String CONSUMER = "pgmq_it_consumer_" + SUFFIX;
  private static final String NOBODY = "pgmq_it_nobody_" + SUFFIX;
  private static final String PASSWORD = "pw-" + SUFFIX;

  /** What a producer (the outbox, {@code send}, {@code sendBatch}) needs on PGMQ's objects. */
  static final List<String> PRODUCER_GRANTS =
      List.of(
          "USAGE ON SCHEMA pgmq",
          "EXECUTE ON ALL FUNCTIONS IN SCHEMA pgmq",
          "INSERT ON pgmq.q_" + QUEUE,
          "SELECT ON pgmq.q_" + QUEUE);

  /** What a producer needs on the application's own table. */
  static final List<String> PRODUCER_APP_GRANTS = List.of("INSERT ON tracked_order");

  /**
   * What a consumer ({@code PgmqConsumer}: read, archive or delete, retry, dead-letter) needs on
   * PGMQ's objects.
   */
  static final List<String> CONSUMER_GRANTS =
      List.of(
          "USAGE ON SCHEMA pgmq",
          "EXECUTE ON ALL FUNCTIONS IN SCHEMA pgmq",
          "SELECT ON pgmq.q_" + QUEUE,
          "UPDATE ON pgmq.q_" + QUEUE,
          "DELETE ON pgmq.q_" + QUEUE,
          "INSERT ON pgmq.a_" + QUEUE,
          "SELECT ON pgmq.q_" + QUEUE + "_msg_id_seq",
          "SELECT ON pgmq.meta",
          "SELECT ON pgmq.notify_insert_throttle",
          "INSERT ON pgmq.q_" + DLQ,
          "SELECT ON pgmq.q_" + DLQ);

  /** What the consumer's handler needs on the application's own tables. */
  static final List<String> CONSUMER_APP_GRANTS =
      List.of("SELECT ON tracked_order", "INSERT, SELECT ON order_effect");

  private static Sql admin;
  private static EntityManagerFactory producerEmf;
  private static EntityManagerFactory consumerEmf;
  private static EntityManagerFactory nobodyEmf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    admin = new Sql(db::connect);
    try (EntityManagerFactory owner = Factories.orders(db.jdbcUrl(), db.user(), db.password(), 2)) {
      owner.createEntityManager().close(); // creates the application's tables
    }
    admin.exec(
        "select pgmq.create('" + QUEUE + "')",
        "select pgmq.create('" + DLQ + "')",
        "revoke execute on all functions in schema pgmq from public");
    for (String role : List.of(PRODUCER, CONSUMER, NOBODY)) {
      admin.exec(
          "create role "
              + role
              + " login password '"
              + PASSWORD
              + "' nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
    }
    grant(PRODUCER, PRODUCER_GRANTS);
    grant(PRODUCER, PRODUCER_APP_GRANTS);
    grant(CONSUMER, CONSUMER_GRANTS);
    grant(CONSUMER, CONSUMER_APP_GRANTS);
    Map<String, Object> noDdl = Map.of("hibernate.hbm2ddl.auto", "none");
    producerEmf = Factories.orders(db.jdbcUrl(), PRODUCER, PASSWORD, 2, noDdl);
    consumerEmf = Factories.orders(db.jdbcUrl(), CONSUMER, PASSWORD, 4, noDdl);
    nobodyEmf = Factories.orders(db.jdbcUrl(), NOBODY, PASSWORD, 2, noDdl);
  }

  @AfterAll
  static void tearDown() {
    for (EntityManagerFactory emf :
        new EntityManagerFactory[] {producerEmf, consumerEmf, nobodyEmf}) {
      if (emf != null) {
        emf.close();
      }
    }
    for (String role : List.of(PRODUCER, CONSUMER, NOBODY)) {
      // roles are cluster-wide: drop them even when the set-up stopped half way
      if (admin.number("select count(*) from pg_roles where rolname = '" + role + "'") > 0) {
        admin.exec("drop owned by " + role, "drop role " + role);
      }
    }
  }

  @Test
  void theRolesAreOrdinary() {
    for (String role : List.of(PRODUCER, CONSUMER, NOBODY)) {
      assertThat(
              admin.rows(
                  "select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls from pg_roles"
                      + " where rolname = '"
                      + role
                      + "'"))
          .containsExactly("f|f|f|f");
      assertThat(admin.rows("select has_schema_privilege('" + role + "', 'pgmq', 'CREATE')"))
          .containsExactly("f");
    }
  }

  @Test
  void aProducerWithExactlyItsGrantsSendsAndEachGrantIsNecessary() {
    long before = admin.number("select count(*) from pgmq.q_" + QUEUE);
    produce(producerEmf, 101);
    assertThat(admin.number("select count(*) from pgmq.q_" + QUEUE)).isEqualTo(before + 3);
    ReliabilityFigures.increment(PRIVILEGE_CHECKS);
    for (String grant : PRODUCER_GRANTS) {
      withoutGrant(
          PRODUCER, grant, () -> assertPermissionDenied(grant, () -> produce(producerEmf, 102)));
    }
    admin.exec("delete from pgmq.q_" + QUEUE, "delete from tracked_order where id > 100");
  }

  @Test
  void aRoleWithoutTheGrantsGetsATypedPermissionError() {
    assertPermissionDenied(
        "no grants",
        () -> {
          try (EntityManager em = nobodyEmf.createEntityManager()) {
            em.getTransaction().begin();
            try {
              Pgmq.using(em).send(QUEUE, Map.of("n", 1));
            } finally {
              em.getTransaction().rollback();
            }
          }
        });
    admin.exec(
        "grant usage on schema pgmq to " + NOBODY,
        "grant execute on all functions in schema pgmq to " + NOBODY);
    try {
      assertPermissionDenied(
          "functions but no table grants",
          () -> {
            try (EntityManager em = nobodyEmf.createEntityManager()) {
              em.getTransaction().begin();
              try {
                Pgmq.using(em).read(QUEUE, Duration.ofSeconds(5));
              } finally {
                em.getTransaction().rollback();
              }
            }
          });
    } finally {
      admin.exec(
          "revoke usage on schema pgmq from " + NOBODY,
          "revoke execute on all functions in schema pgmq from " + NOBODY);
    }
  }

  @Test
  void aConsumerWithExactlyItsGrantsConsumesRetriesAndDeadLettersAndEachGrantIsNecessary() {
    admin.exec(
        "delete from pgmq.q_" + QUEUE, "delete from pgmq.a_" + QUEUE, "delete from pgmq.q_" + DLQ);
    // the consumer end to end: three messages handled, one dead-lettered
    admin.exec(
        "insert into tracked_order (id, reference, producer) values (501, 'r501', 'x'), (502, 'r502', 'x')",
        "select pgmq.send('" + QUEUE + "', '{\"orderId\": 501, \"producer\": \"x\"}')",
        "select pgmq.send('" + QUEUE + "', '{\"orderId\": 502, \"producer\": \"x\"}')",
        "select pgmq.send('" + QUEUE + "', '{\"orderId\": -1, \"producer\": \"poison\"}')");
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(consumerEmf)
            .queue(QUEUE)
            .handler(
                OrderPlaced.class,
                (event, ctx) -> {
                  if (event.orderId() < 0) {
                    throw new NonRetryableException("poison");
                  }
                  TrackedOrder order =
                      ctx.entityManager().find(TrackedOrder.class, event.orderId());
                  assertThat(order).isNotNull();
                  ctx.entityManager()
                      .persist(new OrderEffect(event.orderId(), ctx.msgId(), CONSUMER));
                })
            .ackMode(AckMode.ARCHIVE)
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      consumer.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> admin.number("select count(*) from pgmq.q_" + DLQ) == 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> admin.number("select count(*) from pgmq.a_" + QUEUE) == 2);
    }
    assertThat(admin.number("select count(*) from pgmq.q_" + QUEUE)).isZero();
    assertThat(admin.number("select count(*) from order_effect")).isEqualTo(2);
    ReliabilityFigures.increment(PRIVILEGE_CHECKS);

    // each grant is needed by one of the operations a consumer runs
    for (String grant : CONSUMER_GRANTS) {
      withoutGrant(CONSUMER, grant, () -> assertPermissionDenied(grant, this::consumerOperations));
    }
    admin.exec("delete from pgmq.q_" + QUEUE, "delete from pgmq.q_" + DLQ);
  }

  /** What a consumer does, operation by operation, each in its own transaction. */
  private void consumerOperations() {
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(consumerEmf)
            .queue(QUEUE)
            .handler(OrderPlaced.class, (event, ctx) -> {})
            .maxPoll(Duration.ofSeconds(1))
            .build()) {
      consumer.start(); // checks the queue, finds the dead-letter queue, looks for notifications
    } // and stopped again at once: its workers must not take the message the next steps use
    admin.exec("select pgmq.send('" + QUEUE + "', '{\"orderId\": 1, \"producer\": \"x\"}')");
    List<Consumer<Pgmq>> steps = new ArrayList<>();
    steps.add(p -> p.metrics(QUEUE));
    steps.add(
        p ->
            p.readWithPoll(
                QUEUE, Duration.ofSeconds(30), 1, Duration.ofSeconds(1), Duration.ofMillis(50)));
    steps.add(p -> p.setVt(QUEUE, lastId(), Duration.ZERO));
    steps.add(p -> p.readBatch(QUEUE, Duration.ofSeconds(30), 1));
    steps.add(p -> p.send(DLQ, Map.of("dead", true)));
    steps.add(p -> p.archive(QUEUE, lastId()));
    for (Consumer<Pgmq> step : steps) {
      try (EntityManager em = consumerEmf.createEntityManager()) {
        em.getTransaction().begin();
        try {
          step.accept(Pgmq.using(em));
          em.getTransaction().commit();
        } finally {
          if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
          }
        }
      }
    }
  }

  private static long lastId() {
    return admin.number("select coalesce(max(msg_id), 0) from pgmq.q_" + QUEUE);
  }

  /** One producer transaction: an entity event through the outbox, a send and a batch. */
  private static void produce(EntityManagerFactory emf, long id) {
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      try {
        TrackedOrder order = new TrackedOrder(id, "order-" + id, "least-privilege");
        em.persist(order);
        order.place();
        em.flush();
        Pgmq pgmq = Pgmq.using(em);
        pgmq.send(QUEUE, new OrderPlaced(id, "send"));
        pgmq.sendBatch(QUEUE, List.of(new OrderPlaced(id, "batch")));
        em.getTransaction().commit();
      } finally {
        if (em.getTransaction().isActive()) {
          em.getTransaction().rollback();
        }
      }
    }
  }

  private static void withoutGrant(String role, String grant, Runnable check) {
    admin.exec("revoke " + grant + " from " + role);
    try {
      check.run();
    } finally {
      admin.exec("grant " + grant + " to " + role);
    }
  }

  /** {@code work} fails with a library exception that carries SQLSTATE 42501. */
  private static void assertPermissionDenied(String what, Runnable work) {
    Throwable thrown = catchThrowable(work::run);
    ReliabilityFigures.increment(PRIVILEGE_CHECKS);
    assertThat(thrown).as("without " + what).isNotNull();
    PgmqException typed = Causes.find(thrown, PgmqException.class);
    assertThat(typed).as("without " + what + ": a PgmqException in " + thrown).isNotNull();
    assertThat(typed).isInstanceOf(PgmqPermissionException.class);
    assertThat(((PgmqStatementException) typed).sqlState())
        .as(typed.getMessage())
        .isEqualTo("42501");
    assertThat(Causes.find(thrown, SQLException.class).getSQLState()).isEqualTo("42501");
  }

  private static void grant(String role, List<String> grants) {
    for (String grant : grants) {
      admin.exec("grant " + grant + " to " + role);
    }
  }
}
