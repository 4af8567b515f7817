package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.testing.CountingConnectionProvider;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.outbox.fixture.LineAdded;
import dev.pgmq.outbox.fixture.OutboxDatabase;
import dev.pgmq.outbox.fixture.PaymentRequested;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts the statements that reach the JDBC driver (a wrapping connection provider sees the
 * outbox's {@code doWork} JDBC, which Hibernate's StatementInspector does not). A queue write is
 * one {@code pgmq.send_batch} call, or one insert into the queue's table on the direct-insert path
 * ({@link OutboxSettings#DIRECT_INSERT}); the catalog lookup that chooses the path runs once per
 * factory and queue and is counted on its own.
 */
@PgmqDatabaseTest
class SendBatchCountIT {

  private static final String SEND_BATCH = "pgmq.send_batch(";
  private static final String DIRECT_INSERT = "insert into pgmq.\"q_";
  private static final String SHAPE_LOOKUP = "pgmq-jpa queue shape";

  private static OutboxDatabase db;
  private static CountingConnectionProvider connections;
  private static EntityManagerFactory emf;

  @BeforeAll
  static void start(TestDatabase database) {
    db = new OutboxDatabase(database);
    connections = new CountingConnectionProvider(database);
    emf =
        new TestPersistenceUnit("counting")
            .managedClasses(PurchaseOrder.class)
            .property("hibernate.connection.provider_class", connections)
            .property("hibernate.hbm2ddl.auto", "update")
            .createEntityManagerFactory();
  }

  @AfterAll
  static void stop() {
    emf.close();
  }

  @BeforeEach
  void reset() {
    db.freshQueues("orders", "payments", "audit");
    connections.reset();
  }

  @Test
  void tenEventsInOneFlushCostOneSendBatch() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder order = new PurchaseOrder("ten");
    em.persist(order);
    for (int i = 1; i <= 10; i++) {
      order.raise(new LineAdded(order.getId(), i));
    }
    connections.reset();
    em.getTransaction().commit();
    em.close();

    assertThat(queueWrites()).isEqualTo(1);
    // the entity insert and the one queue write (plus, the first time, the shape lookup)
    assertThat(connections.executed()).filteredOn(s -> !s.contains(SHAPE_LOOKUP)).hasSize(2);
    assertThat(db.rows("orders"))
        .extracting(r -> r.message().get("line").asInt())
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void oneSendBatchPerQueuePerFlush() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    PurchaseOrder a = new PurchaseOrder("a");
    PurchaseOrder b = new PurchaseOrder("b");
    em.persist(a);
    em.persist(b);
    a.place();
    b.place();
    a.raise(new PaymentRequested("A", BigDecimal.TEN));
    b.raise(new PaymentRequested("B", BigDecimal.ONE));
    Outbox.of(em).publish(new AuditNote("x"));
    Outbox.of(em).publish(new PaymentRequested("C", BigDecimal.ZERO));
    connections.reset();
    em.flush();
    assertThat(queueWrites()).isEqualTo(3);

    a.raise(new LineAdded(a.getId(), 1));
    b.raise(new LineAdded(b.getId(), 1));
    connections.reset();
    em.getTransaction().commit();
    em.close();

    assertThat(queueWrites()).isEqualTo(1);
    assertThat(db.rows("orders")).hasSize(4);
    assertThat(db.rows("payments")).hasSize(3);
    assertThat(db.rows("audit")).hasSize(1);
  }

  @Test
  void flushWithoutEventsRunsNoOutboxStatement() {
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    em.persist(new PurchaseOrder("quiet"));
    em.flush();
    em.createQuery("select o from PurchaseOrder o", PurchaseOrder.class).getResultList();
    em.getTransaction().commit();
    em.close();

    assertThat(connections.executed()).noneMatch(s -> s.contains("pgmq."));
  }

  @Test
  void theQueueShapeIsLookedUpOncePerFactoryAndQueue() {
    for (int tx = 0; tx < 3; tx++) {
      EntityManager em = emf.createEntityManager();
      em.getTransaction().begin();
      Outbox.of(em).publish(new AuditNote("shape " + tx));
      em.getTransaction().commit();
      em.close();
    }
    assertThat(connections.count(SHAPE_LOOKUP)).isLessThanOrEqualTo(1);
    assertThat(queueWrites()).isEqualTo(3);
    assertThat(db.rows("audit")).hasSize(3);
  }

  private static long queueWrites() {
    return connections.count(SEND_BATCH) + connections.count(DIRECT_INSERT);
  }

  @Test
  void sendBatchCallsAreCountedByPostgresqlToo() throws Exception {
    db.sql("alter database \"" + db.db().name() + "\" set track_functions = 'all'");
    EntityManagerFactory tracked =
        new TestPersistenceUnit("tracked")
            .managedClasses(PurchaseOrder.class)
            .jdbcUrl(db.db().jdbcUrl())
            .jdbcCredentials(db.db().user(), db.db().password())
            .jdbcPoolSize(1)
            .properties(
                Map.of("hibernate.hbm2ddl.auto", "update", OutboxSettings.DIRECT_INSERT, "false"))
            .createEntityManagerFactory();
    try {
      long before = sendBatchCalls();
      for (int tx = 0; tx < 5; tx++) {
        EntityManager em = tracked.createEntityManager();
        em.getTransaction().begin();
        PurchaseOrder order = new PurchaseOrder("tracked");
        em.persist(order);
        for (int i = 0; i < 10; i++) {
          order.raise(new LineAdded(order.getId(), i));
        }
        em.getTransaction().commit();
        em.close();
      }
      tracked.close();
      tracked = null;
      assertThat(sendBatchCallsSince(before, 5)).isEqualTo(5);
    } finally {
      if (tracked != null) {
        tracked.close();
      }
    }
  }

  /** Calls of the 3-argument pgmq.send_batch as counted by PostgreSQL's function statistics. */
  private static long sendBatchCalls() throws Exception {
    try (var c = db.db().connect();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "select coalesce(sum(calls), 0) from pg_stat_user_functions"
                    + " where funcid = 'pgmq.send_batch(text, jsonb[], jsonb[])'::regprocedure")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits (the backends report at exit) until at least {@code expected} calls, then a bit more. */
  private static long sendBatchCallsSince(long before, long expected) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (sendBatchCalls() - before < expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(500);
    return sendBatchCalls() - before;
  }
}
