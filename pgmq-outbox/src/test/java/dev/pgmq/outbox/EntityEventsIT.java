package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.outbox.fixture.LineAdded;
import dev.pgmq.outbox.fixture.OutboxDatabase;
import dev.pgmq.outbox.fixture.PaymentRequested;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import dev.pgmq.outbox.fixture.QueueRow;
import dev.pgmq.outbox.fixture.Shipment;
import dev.pgmq.outbox.fixture.Unroutable;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class EntityEventsIT {

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
    db.freshQueues("orders", "payments", "audit");
  }

  @Test
  void commitSendsEventsWithPayloadEnvelopeAndRegistrationOrder() {
    Instant before = Instant.now();
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("ada");
    em.persist(order);
    order.place();
    order.raise(new LineAdded(order.getId(), 1));
    order.raise(new LineAdded(order.getId(), 2));
    em.getTransaction().commit();
    em.close();

    List<QueueRow> rows = db.rows("orders");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).message().get("orderId").asLong()).isEqualTo(order.getId());
    assertThat(rows.get(0).message().get("customer").asText()).isEqualTo("ada");
    assertThat(rows.get(1).message().get("line").asInt()).isEqualTo(1);
    assertThat(rows.get(2).message().get("line").asInt()).isEqualTo(2);

    QueueRow placed = rows.get(0);
    assertThat(placed.header(EnvelopeHeaders.EVENT_TYPE)).isEqualTo("order.placed");
    assertThat(UUID.fromString(placed.header(EnvelopeHeaders.EVENT_ID))).isNotNull();
    assertThat(placed.header(EnvelopeHeaders.AGGREGATE_TYPE)).isEqualTo("PurchaseOrder");
    assertThat(placed.header(EnvelopeHeaders.AGGREGATE_ID)).isEqualTo(order.getId().toString());
    assertThat(placed.header(EnvelopeHeaders.GROUP)).isEqualTo("PurchaseOrder:" + order.getId());
    assertThat(placed.header(EnvelopeHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(placed.header(EnvelopeHeaders.SCHEMA_VERSION)).isEqualTo("2");
    assertThat(Instant.parse(placed.header(EnvelopeHeaders.OCCURRED_AT)))
        .isBetween(before, Instant.now());
    assertThat(placed.header(EnvelopeHeaders.TRACEPARENT)).isNull();
    assertThat(rows.get(1).header(EnvelopeHeaders.EVENT_TYPE)).isEqualTo("order.line-added");
    assertThat(rows.get(1).header(EnvelopeHeaders.SCHEMA_VERSION)).isEqualTo("1");
    assertThat(rows.stream().map(r -> r.header(EnvelopeHeaders.EVENT_ID)).distinct()).hasSize(3);
    assertThat(order.domainEvents()).isEmpty();
  }

  @Test
  void rolledBackTransactionSendsNothing() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("bob");
    em.persist(order);
    order.place();
    em.getTransaction().rollback();
    em.close();

    assertThat(db.rows("orders")).isEmpty();
  }

  @Test
  void flushThenRollbackSendsNothing() throws Exception {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("cy");
    em.persist(order);
    order.place();
    em.flush();
    assertThat(countInTransaction(em, "orders")).isEqualTo(1);
    em.getTransaction().rollback();
    em.close();

    assertThat(db.rows("orders")).isEmpty();
  }

  @Test
  void severalFlushesSendEachEventOnce() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("dee");
    em.persist(order);
    order.place();
    em.flush();
    em.flush();
    order.raise(new LineAdded(order.getId(), 7));
    em.flush();
    em.flush();
    em.getTransaction().commit();
    em.getTransaction().begin();
    em.getTransaction().commit();
    em.close();

    List<QueueRow> rows = db.rows("orders");
    assertThat(rows)
        .extracting(r -> r.header(EnvelopeHeaders.EVENT_TYPE))
        .containsExactly("order.placed", "order.line-added");
  }

  @Test
  void autoFlushBeforeJpqlQuerySendsAndLaterRollbackRemovesThem() throws Exception {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("eve");
    em.persist(order);
    order.place();
    order.raise(new LineAdded(order.getId(), 1));

    long placed =
        em.createQuery(
                "select count(o) from PurchaseOrder o where o.status = 'PLACED' and o.id = :id",
                Long.class)
            .setParameter("id", order.getId())
            .getSingleResult();
    assertThat(placed).isEqualTo(1);
    assertThat(countInTransaction(em, "orders")).isEqualTo(2);

    em.getTransaction().rollback();
    em.close();
    assertThat(db.rows("orders")).isEmpty();
  }

  @Test
  void autoFlushedEventsCommitOnce() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("fay");
    em.persist(order);
    order.place();
    em.createQuery("select o from PurchaseOrder o", PurchaseOrder.class).getResultList();
    em.getTransaction().commit();
    em.close();

    assertThat(db.rows("orders")).hasSize(1);
  }

  @Test
  void eventsOfLoadedEntityAreSentWithItsChanges() {
    long id = persistedOrder("gus");
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = em.find(PurchaseOrder.class, id);
    order.place();
    em.getTransaction().commit();
    em.close();

    List<QueueRow> rows = db.rows("orders");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).header(EnvelopeHeaders.AGGREGATE_ID)).isEqualTo(Long.toString(id));
    EntityManager check = emf.createEntityManager();
    assertThat(check.find(PurchaseOrder.class, id).getStatus()).isEqualTo("PLACED");
    check.close();
  }

  @Test
  void eventsOfEntityRemovedInTheTransactionAreSent() {
    long id = persistedOrder("hal");
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = em.find(PurchaseOrder.class, id);
    order.raise(new AuditNote("order " + id + " cancelled and removed"));
    em.remove(order);
    em.getTransaction().commit();
    em.close();

    List<QueueRow> rows = db.rows("audit");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).message().get("text").asText()).contains("removed");
    assertThat(rows.get(0).header(EnvelopeHeaders.AGGREGATE_ID)).isEqualTo(Long.toString(id));
    assertThat(rows.get(0).header(EnvelopeHeaders.EVENT_TYPE))
        .isEqualTo("dev.pgmq.outbox.fixture.AuditNote");
  }

  @Test
  void eventsOnDetachedInstanceAreSentWhenItIsMerged() {
    long id = persistedOrder("ida");
    EntityManager first = emf.createEntityManager();
    PurchaseOrder detached = first.find(PurchaseOrder.class, id);
    first.close();
    detached.place();

    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    em.merge(detached);
    em.getTransaction().commit();
    em.close();

    List<QueueRow> rows = db.rows("orders");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).header(EnvelopeHeaders.AGGREGATE_ID)).isEqualTo(Long.toString(id));
    assertThat(detached.domainEvents()).isEmpty();
  }

  @Test
  void entityImplementingDomainEventsDirectlyIsCollected() {
    db.sql("select pgmq.create('shipping')");
    db.sql("select pgmq.purge_queue('shipping')");
    db.sql("select pgmq.bind_topic('order.*', 'shipping')");
    String code = "TRK-" + UUID.randomUUID();
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    Shipment shipment = new Shipment(code);
    em.persist(shipment);
    shipment.ship(42);
    em.getTransaction().commit();
    em.close();

    List<QueueRow> rows = db.rows("shipping");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).message().get("trackingCode").asText()).isEqualTo(code);
    assertThat(rows.get(0).header(EnvelopeHeaders.AGGREGATE_TYPE)).isEqualTo("Shipment");
    assertThat(rows.get(0).header(EnvelopeHeaders.GROUP)).isEqualTo("Shipment:" + code);
    assertThat(shipment.domainEvents()).isEmpty();
  }

  @Test
  void topicEventsFanOutToEveryBoundQueueWithOneEventId() {
    db.freshQueues("shipping", "billing");
    db.sql("select pgmq.bind_topic('order.*', 'shipping')");
    db.sql("select pgmq.bind_topic('order.#', 'billing')");
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    Shipment shipment = new Shipment("TRK-" + UUID.randomUUID());
    em.persist(shipment);
    shipment.ship(7);
    em.getTransaction().commit();
    em.close();

    QueueRow shipping = db.rows("shipping").get(0);
    QueueRow billing = db.rows("billing").get(0);
    assertThat(shipping.header(EnvelopeHeaders.EVENT_TYPE)).isEqualTo("order.shipped");
    assertThat(billing.header(EnvelopeHeaders.EVENT_ID))
        .isEqualTo(shipping.header(EnvelopeHeaders.EVENT_ID));
    assertThat(billing.message()).isEqualTo(shipping.message());
  }

  @Test
  void eventsOfSeveralEntitiesAndQueuesGoToTheirQueuesInOrder() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder a = new PurchaseOrder("a");
    PurchaseOrder b = new PurchaseOrder("b");
    em.persist(a);
    em.persist(b);
    a.place();
    b.place();
    a.raise(new PaymentRequested("A-1", new BigDecimal("10.50")));
    b.raise(new PaymentRequested("B-1", new BigDecimal("3.00")));
    a.raise(new LineAdded(a.getId(), 1));
    em.getTransaction().commit();
    em.close();

    assertThat(db.rows("orders"))
        .extracting(r -> r.header(EnvelopeHeaders.AGGREGATE_ID) + "/" + r.header("x-event-type"))
        .containsExactly(
            a.getId() + "/order.placed",
            a.getId() + "/order.line-added",
            b.getId() + "/order.placed");
    assertThat(db.rows("payments"))
        .extracting(r -> r.message().get("reference").asText())
        .containsExactly("A-1", "B-1");
    assertThat(db.rows("payments").get(0).message().get("amount").decimalValue())
        .isEqualByComparingTo("10.50");
  }

  @Test
  void unroutableEventFailsCommitAndNothingOfTheTransactionCommits() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("unroutable-at-commit");
    em.persist(order);
    order.place();
    order.raise(new Unroutable("no annotation"));
    assertThatThrownBy(() -> em.getTransaction().commit())
        .hasRootCauseInstanceOf(UnroutableEventException.class)
        .rootCause()
        .hasMessageContaining("dev.pgmq.outbox.fixture.Unroutable")
        .hasMessageContaining("PurchaseOrder#" + order.getId());
    assertThat(em.getTransaction().isActive()).isFalse();
    em.close();

    assertThat(db.rows("orders")).isEmpty();
    assertThat(customerCount("unroutable-at-commit")).isZero();
  }

  @Test
  void unroutableEventFailsExplicitFlushAndTheTransactionCannotCommit() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("unroutable-at-flush");
    em.persist(order);
    order.place();
    order.raise(new Unroutable("no annotation"));
    assertThatThrownBy(em::flush).isInstanceOf(UnroutableEventException.class);
    assertThat(em.getTransaction().getRollbackOnly()).isTrue();
    em.getTransaction().rollback();
    em.close();

    assertThat(db.rows("orders")).isEmpty();
    assertThat(customerCount("unroutable-at-flush")).isZero();
  }

  @Test
  void flushOutsideATransactionLeavesEventsOnTheEntity() {
    Session session = emf.createEntityManager().unwrap(Session.class);
    PurchaseOrder order = new PurchaseOrder("no-tx");
    order.raise(new AuditNote("kept"));
    session.getTransaction().begin();
    session.persist(order);
    session.getTransaction().commit();
    assertThat(db.rows("audit")).hasSize(1);
    order.raise(new AuditNote("later"));
    session.createQuery("select o from PurchaseOrder o", PurchaseOrder.class).getResultList();
    assertThat(order.domainEvents()).hasSize(1);
    session.getTransaction().begin();
    session.getTransaction().commit();
    session.close();

    assertThat(db.rows("audit")).hasSize(2);
  }

  private long persistedOrder(String customer) {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder(customer);
    em.persist(order);
    em.getTransaction().commit();
    em.close();
    return order.getId();
  }

  private long customerCount(String customer) {
    EntityManager em = emf.createEntityManager();
    try {
      return em.createQuery(
              "select count(o) from PurchaseOrder o where o.customer = :c", Long.class)
          .setParameter("c", customer)
          .getSingleResult();
    } finally {
      em.close();
    }
  }

  /** Counts queue rows on the transaction's own connection, without triggering a flush. */
  static long countInTransaction(EntityManager em, String queue) {
    AtomicLong n = new AtomicLong();
    em.unwrap(Session.class).doWork(c -> n.set(OutboxDatabase.count(c, queue)));
    return n.get();
  }
}
