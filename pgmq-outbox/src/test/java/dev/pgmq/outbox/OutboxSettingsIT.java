package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.outbox.fixture.EverythingToRouted;
import dev.pgmq.outbox.fixture.InvoiceIssued;
import dev.pgmq.outbox.fixture.OutboxDatabase;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import dev.pgmq.outbox.fixture.QueueRow;
import dev.pgmq.outbox.fixture.Shipment;
import dev.pgmq.outbox.fixture.Unroutable;
import dev.pgmq.outbox.spi.TraceContext;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class OutboxSettingsIT {

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final OutboxDatabase db;

  OutboxSettingsIT(TestDatabase database) {
    this.db = new OutboxDatabase(database);
  }

  @BeforeEach
  void emptyQueues() {
    db.freshQueues("orders", "audit", "misc", "routed", "invoices");
  }

  @Test
  void disabledOutboxSendsNothingAndRefusesPublish() {
    EntityManagerFactory emf = db.factory(Map.of(OutboxSettings.ENABLED, "false"));
    try {
      PurchaseOrder order = new PurchaseOrder("off");
      inTransaction(
          emf,
          em -> {
            em.persist(order);
            order.place();
          });
      assertThat(db.rows("orders")).isEmpty();
      assertThat(order.domainEvents()).hasSize(1);
      EntityManager em = emf.createEntityManager();
      assertThatThrownBy(() -> Outbox.of(em))
          .isInstanceOf(OutboxException.class)
          .hasMessageContaining(OutboxSettings.ENABLED);
      em.close();
    } finally {
      emf.close();
    }
  }

  @Test
  void defaultQueueReceivesEventsNoRouteKnows() {
    EntityManagerFactory emf = db.factory(Map.of(OutboxSettings.DEFAULT_QUEUE, "misc"));
    try {
      inTransaction(emf, em -> Outbox.of(em).publish(new Unroutable("now routed")));
      inTransaction(emf, em -> Outbox.of(em).publish(new AuditNote("annotation first")));
      assertThat(db.rows("misc")).hasSize(1);
      assertThat(db.rows("audit")).hasSize(1);
    } finally {
      emf.close();
    }
  }

  @Test
  void routerNamedByClassReplacesTheAnnotations() {
    EntityManagerFactory emf =
        db.factory(Map.of(OutboxSettings.ROUTER, EverythingToRouted.class.getName()));
    try {
      inTransaction(emf, em -> Outbox.of(em).publish(new AuditNote("to routed")));
      assertThat(db.rows("routed")).hasSize(1);
      assertThat(db.rows("audit")).isEmpty();
    } finally {
      emf.close();
    }
  }

  @Test
  void traceContextProviderFillsTraceHeadersAndGroupingCanBeTurnedOff() {
    OutboxConfig config =
        OutboxConfig.builder()
            .traceContext(() -> new TraceContext(TRACEPARENT, "vendor=1"))
            .groupByAggregate(false)
            .build();
    EntityManagerFactory emf = db.factory(Map.of(OutboxSettings.CONFIG, config));
    try {
      inTransaction(
          emf,
          em -> {
            PurchaseOrder order = new PurchaseOrder("traced");
            em.persist(order);
            order.place();
          });
      QueueRow row = db.rows("orders").get(0);
      assertThat(row.header(EnvelopeHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
      assertThat(row.header(EnvelopeHeaders.TRACESTATE)).isEqualTo("vendor=1");
      assertThat(row.header(EnvelopeHeaders.GROUP)).isNull();
      assertThat(row.header(EnvelopeHeaders.AGGREGATE_TYPE)).isEqualTo("PurchaseOrder");
    } finally {
      emf.close();
    }
  }

  @Test
  void topicWithoutBoundQueueFailsTheCommitUnlessAllowed() {
    db.sql("select pgmq.create('shipping')");
    db.sql("select pgmq.unbind_topic('order.*', 'shipping')");
    db.sql("select pgmq.purge_queue('shipping')");
    String strictCode = "S-" + UUID.randomUUID();
    EntityManagerFactory strict = db.factory();
    try {
      EntityManager em = strict.createEntityManager();
      em.getTransaction().begin();
      Shipment s = new Shipment(strictCode);
      em.persist(s);
      s.ship(1);
      assertThatThrownBy(() -> em.getTransaction().commit())
          .hasRootCauseInstanceOf(UnroutableEventException.class)
          .rootCause()
          .hasMessageContaining("order.shipped");
      em.close();
      assertThat(shipmentExists(strict, strictCode)).isFalse();
    } finally {
      strict.close();
    }
    String lenientCode = "S-" + UUID.randomUUID();
    EntityManagerFactory lenient =
        db.factory(Map.of(OutboxSettings.REQUIRE_TOPIC_BINDING, "false"));
    try {
      inTransaction(
          lenient,
          em -> {
            Shipment s = new Shipment(lenientCode);
            em.persist(s);
            s.ship(2);
          });
      assertThat(shipmentExists(lenient, lenientCode)).isTrue();
      assertThat(db.rows("shipping")).isEmpty();
    } finally {
      lenient.close();
    }
  }

  @Test
  void dedupSendsAnEventIdOnlyOnceAcrossTransactions() {
    db.sql("drop table if exists outbox_seen");
    EntityManagerFactory emf =
        db.factory(
            Map.of(
                OutboxSettings.DEDUP_ENABLED, "true", OutboxSettings.DEDUP_TABLE, "outbox_seen"));
    try {
      EntityManager rolledBack = emf.createEntityManager();
      rolledBack.getTransaction().begin();
      Outbox.of(rolledBack).publish(new InvoiceIssued("INV-1"));
      rolledBack.flush();
      rolledBack.getTransaction().rollback();
      rolledBack.close();

      inTransaction(emf, em -> Outbox.of(em).publish(new InvoiceIssued("INV-1")));
      inTransaction(emf, em -> Outbox.of(em).publish(new InvoiceIssued("INV-1")));
      inTransaction(
          emf,
          em -> {
            Outbox.of(em).publish(new InvoiceIssued("INV-2"));
            Outbox.of(em).publish(new InvoiceIssued("INV-2"));
            Outbox.of(em).publish(new InvoiceIssued("INV-1"));
          });
      UUID caller = UUID.randomUUID();
      inTransaction(
          emf,
          em -> {
            Outbox.of(em).publish(new AuditNote("a"), Map.of(EnvelopeHeaders.EVENT_ID, caller));
            Outbox.of(em).publish(new AuditNote("b"), Map.of(EnvelopeHeaders.EVENT_ID, caller));
          });

      List<QueueRow> invoices = db.rows("invoices");
      assertThat(invoices)
          .extracting(r -> r.message().get("invoiceNumber").asText())
          .containsExactly("INV-1", "INV-2");
      assertThat(invoices.get(0).header(EnvelopeHeaders.EVENT_ID))
          .isEqualTo(new InvoiceIssued("INV-1").eventId().toString());
      assertThat(db.rows("audit"))
          .extracting(r -> r.message().get("text").asText())
          .containsExactly("a");
    } finally {
      emf.close();
    }
  }

  @Test
  void invalidSettingFailsTheFactoryNamingTheSetting() {
    assertThatThrownBy(() -> db.factory(Map.of(OutboxSettings.DEDUP_ENABLED, "sometimes")))
        .hasStackTraceContaining(OutboxSettings.DEDUP_ENABLED);
  }

  private static boolean shipmentExists(EntityManagerFactory emf, String code) {
    EntityManager em = emf.createEntityManager();
    try {
      return em.find(Shipment.class, code) != null;
    } finally {
      em.close();
    }
  }

  private static void inTransaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().commit();
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }
}
