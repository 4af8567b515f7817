package dev.pgmq.jpa.entitymanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.NoActiveTransactionException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Pgmq.using(em)} joins the caller's transaction: atomic with the entity changes. */
@PgmqDatabaseTest
class TransactionSharingIT {

  static RecordingInspector inspector = new RecordingInspector();
  static EntityManagerFactory emf;
  TestDatabase db;
  String queue;

  @BeforeAll
  static void start(TestDatabase db) {
    emf = Factories.create(db, inspector);
  }

  @AfterAll
  static void stop() {
    emf.close();
  }

  @BeforeEach
  void queue(TestDatabase db) {
    this.db = db;
    queue = db.uniqueName("tx");
    inTransaction(em -> Pgmq.using(em).createQueue(queue));
  }

  @Test
  void sendInARolledBackTransactionLeavesNothing() throws SQLException {
    long id = nextId();
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    em.persist(new PurchaseOrder(id, "book"));
    Pgmq.using(em).send(queue, Map.of("orderId", id));
    em.getTransaction().rollback();
    em.close();

    assertThat(count("select count(*) from pgmq.q_" + queue)).isZero();
    assertThat(count("select count(*) from purchase_order where id = " + id)).isZero();
  }

  @Test
  void sendInATransactionIsInvisibleToOtherConnectionsUntilCommit() throws SQLException {
    long id = nextId();
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    em.persist(new PurchaseOrder(id, "pen"));
    Pgmq pgmq = Pgmq.using(em);
    long msgId = pgmq.send(queue, Map.of("orderId", id));
    em.flush();

    assertThat(count("select count(*) from pgmq.q_" + queue)).isZero();
    assertThat(count("select count(*) from purchase_order where id = " + id)).isZero();
    assertThat(pgmq.read(queue, Duration.ZERO)).map(m -> m.msgId()).contains(msgId);

    em.getTransaction().commit();
    em.close();
    assertThat(count("select count(*) from pgmq.q_" + queue + " where msg_id = " + msgId)).isOne();
    assertThat(count("select count(*) from purchase_order where id = " + id)).isOne();
  }

  @Test
  void withoutAnActiveTransactionEveryCallFailsFastWithoutSql() {
    EntityManager em = emf.createEntityManager();
    try {
      Pgmq pgmq = Pgmq.using(em);
      int mark = inspector.statements.size();
      assertThatThrownBy(() -> pgmq.send(queue, 1))
          .isInstanceOf(NoActiveTransactionException.class)
          .hasMessageContaining("no active transaction");
      assertThatThrownBy(() -> pgmq.read(queue, Duration.ofSeconds(1)))
          .isInstanceOf(NoActiveTransactionException.class);
      assertThatThrownBy(() -> pgmq.metricsAll()).isInstanceOf(NoActiveTransactionException.class);
      assertThatThrownBy(
              () ->
                  pgmq.readBatch(
                      queue,
                      ReadOptions.of(Duration.ZERO, 1).withFifo(FifoMode.HEADS_ONLY),
                      Object.class))
          .isInstanceOf(NoActiveTransactionException.class);
      assertThat(inspector.since(mark)).isEmpty();
    } finally {
      em.close();
    }
  }

  @Test
  void pgmqCallsDoNotFlushUnrelatedPendingChangesWhichStillCommitWithThem() throws SQLException {
    long id = nextId();
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    em.persist(new PurchaseOrder(id, "lamp"));
    int mark = inspector.statements.size();

    Pgmq.using(em).send(queue, Map.of("orderId", id));

    List<String> during = inspector.since(mark);
    assertThat(during).hasSize(1);
    assertThat(during.get(0)).contains("pgmq.send");
    em.getTransaction().commit();
    em.close();
    assertThat(inspector.since(mark)).anyMatch(s -> s.contains("insert into purchase_order"));
    assertThat(count("select count(*) from purchase_order where id = " + id)).isOne();
    assertThat(count("select count(*) from pgmq.q_" + queue)).isOne();
  }

  @Test
  void aFailedPgmqCallLeavesTheCallersTransactionToRollBack() throws SQLException {
    long id = nextId();
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    em.persist(new PurchaseOrder(id, "mug"));
    assertThatThrownBy(() -> Pgmq.using(em).send(db.uniqueName("missing"), 1))
        .isInstanceOf(dev.pgmq.jpa.QueueNotFoundException.class);
    em.getTransaction().rollback();
    em.close();
    assertThat(count("select count(*) from purchase_order where id = " + id)).isZero();
  }

  private static long next = 1000;

  private static synchronized long nextId() {
    return next++;
  }

  private void inTransaction(java.util.function.Consumer<EntityManager> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }

  private int count(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
