package dev.pgmq.outbox;

import static dev.pgmq.test.PgmqAssertions.assertThat;
import static dev.pgmq.test.PgmqAssertions.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.NoActiveTransactionException;
import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.outbox.fixture.OutboxDatabase;
import dev.pgmq.outbox.fixture.PaymentRequested;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import dev.pgmq.outbox.fixture.QueueRow;
import dev.pgmq.outbox.fixture.Unroutable;
import dev.pgmq.outbox.internal.OutboxRuntime;
import dev.pgmq.outbox.internal.SessionOutbox;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class ExplicitPublishIT {

  private static OutboxDatabase db;
  private static EntityManagerFactory emf;

  @BeforeAll
  static void start(TestDatabase database) {
    db = new OutboxDatabase(database);
    emf = db.factory();
  }

  @AfterAll
  static void stop() {
    emf.close();
  }

  @BeforeEach
  void emptyQueues() {
    db.freshQueues("payments", "audit", "orders");
  }

  @Test
  void publishWithoutEntityIsSentAtCommit() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    Outbox.of(em).publish(new PaymentRequested("P-1", new BigDecimal("12.00")));
    Outbox.of(em).publish(new PaymentRequested("P-2", new BigDecimal("1.00")));
    assertThat(EntityEventsIT.countInTransaction(em, "payments")).isZero();
    em.getTransaction().commit();
    em.close();

    assertThat(queue("payments"))
        .hasMessages(2)
        .allHaveHeader(EnvelopeHeaders.EVENT_TYPE, "payment.requested")
        .allHaveHeader(EnvelopeHeaders.CONTENT_TYPE, "application/json")
        .payloads(PaymentRequested.class)
        .extracting(PaymentRequested::reference)
        .containsExactly("P-1", "P-2");
    assertThat(queue("payments")).headers(EnvelopeHeaders.AGGREGATE_TYPE).containsOnlyNulls();
    assertThat(queue("payments")).headers(EnvelopeHeaders.AGGREGATE_ID).containsOnlyNulls();
    assertThat(queue("payments")).headers(EnvelopeHeaders.GROUP).containsOnlyNulls();
    assertThat(queue("payments")).message(0).hasHeader(EnvelopeHeaders.OCCURRED_AT);
  }

  @Test
  void publishedEventIsSentAtTheNextFlush() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    Outbox.of(em).publish(new AuditNote("flushed"));
    em.flush();
    assertThat(EntityEventsIT.countInTransaction(em, "audit")).isEqualTo(1);
    em.flush();
    em.getTransaction().commit();
    em.close();

    assertThat(queue("audit")).hasMessages(1);
  }

  @Test
  void publishedEventIsSentBeforeCommitEvenWithoutAnyFlush() {
    EntityManager em = emf.createEntityManager();
    em.unwrap(Session.class).setHibernateFlushMode(FlushMode.MANUAL);
    em.getTransaction().begin();
    Outbox.of(em).publish(new AuditNote("manual flush mode"));
    em.getTransaction().commit();
    em.close();

    assertThat(queue("audit")).hasMessages(1);
  }

  @Test
  void publishedEventIsDiscardedOnRollback() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    Outbox.of(em).publish(new AuditNote("rolled back"));
    em.flush();
    em.getTransaction().rollback();
    em.getTransaction().begin();
    em.getTransaction().commit();
    em.close();

    assertThat(queue("audit")).isEmpty();
  }

  @Test
  void publishWithoutActiveTransactionFailsFast() {
    EntityManager em = emf.createEntityManager();
    Outbox outbox = Outbox.of(em);
    assertThatThrownBy(() -> outbox.publish(new AuditNote("no tx")))
        .isInstanceOf(NoActiveTransactionException.class)
        .hasMessageContaining("active transaction");
    em.close();
    assertThat(queue("audit")).isEmpty();
  }

  @Test
  void closedEntityManagersLeaveNoBufferBehindEvenIfClosedInsideTheTransaction() {
    OutboxRuntime runtime = runtime();
    int before = runtime.openBuffers();
    EntityManager em = emf.createEntityManager();
    for (int i = 0; i < 3; i++) {
      em.getTransaction().begin();
      Outbox.of(em).publish(new AuditNote("tx " + i));
      em.getTransaction().rollback();
    }
    assertThat(runtime.openBuffers()).isEqualTo(before + 1);
    em.close();
    assertThat(runtime.openBuffers()).isEqualTo(before);

    EntityManager closedEarly = emf.createEntityManager();
    EntityTransaction tx = closedEarly.getTransaction();
    tx.begin();
    Outbox.of(closedEarly).publish(new AuditNote("closed before commit"));
    closedEarly.close();
    tx.commit();
    assertThat(runtime.openBuffers()).isEqualTo(before);
    assertThat(db.rows("audit"))
        .extracting(r -> r.message().get("text").asText())
        .containsExactly("closed before commit");
  }

  private static OutboxRuntime runtime() {
    EntityManager em = emf.createEntityManager();
    try {
      return ((SessionOutbox) Outbox.of(em)).runtime();
    } finally {
      em.close();
    }
  }

  @Test
  void callerHeadersAreWrittenOverTheEnvelope() {
    UUID id = UUID.randomUUID();
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    Outbox.of(em)
        .publish(
            new AuditNote("with headers"),
            Map.of(EnvelopeHeaders.GROUP, "tenant-7", EnvelopeHeaders.EVENT_ID, id, "x-extra", 3));
    em.getTransaction().commit();
    em.close();

    QueueRow row = db.rows("audit").get(0);
    assertThat(row.header(EnvelopeHeaders.GROUP)).isEqualTo("tenant-7");
    assertThat(row.header(EnvelopeHeaders.EVENT_ID)).isEqualTo(id.toString());
    assertThat(row.headers().get("x-extra").asInt()).isEqualTo(3);
    assertThat(row.header(EnvelopeHeaders.EVENT_TYPE))
        .isEqualTo("dev.pgmq.outbox.fixture.AuditNote");
  }

  @Test
  void eventIdHeaderMustBeAUuid() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    assertThatThrownBy(
            () ->
                Outbox.of(em)
                    .publish(new AuditNote("bad id"), Map.of(EnvelopeHeaders.EVENT_ID, "nope")))
        .isInstanceOf(IllegalArgumentException.class);
    em.getTransaction().rollback();
    em.close();
  }

  @Test
  void publishedAndEntityEventsCommitTogether() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("together");
    em.persist(order);
    order.place();
    Outbox.of(em).publish(new PaymentRequested("T-1", BigDecimal.ONE));
    em.getTransaction().commit();
    em.close();

    assertThat(queue("orders")).hasMessages(1);
    assertThat(queue("payments")).hasMessages(1);
  }

  @Test
  void unroutablePublishedEventFailsCommitAndNothingCommits() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("unroutable-publish");
    em.persist(order);
    order.place();
    Outbox.of(em).publish(new PaymentRequested("U-1", BigDecimal.ONE));
    Outbox.of(em).publish(new Unroutable("explicit"));
    assertThatThrownBy(() -> em.getTransaction().commit())
        .hasRootCauseInstanceOf(UnroutableEventException.class);
    em.close();

    assertThat(queue("orders")).isEmpty();
    assertThat(queue("payments")).isEmpty();
  }
}
