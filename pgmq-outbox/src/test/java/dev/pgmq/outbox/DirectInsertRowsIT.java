package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.PgmqPermissionException;
import dev.pgmq.jpa.testing.CountingConnectionProvider;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.outbox.fixture.OutboxDatabase;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import dev.pgmq.outbox.spi.Destination;
import dev.pgmq.outbox.spi.QueueRouter;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The direct insert ({@link OutboxSettings#DIRECT_INSERT}) writes exactly the rows {@code
 * pgmq.send_batch} writes: the same events go once through each path, in the same test, and every
 * column of the rows is compared. Runs on whichever PGMQ install the test database has.
 */
@PgmqDatabaseTest
class DirectInsertRowsIT {

  /** An event that names its queue, so one factory serves every queue of the test. */
  record Routed(String queue, String text, int n) {}

  private static final QueueRouter BY_QUEUE =
      (event, type) -> event instanceof Routed r ? Destination.queue(r.queue()) : null;
  private static final List<String> COLUMNS =
      List.of("msg_id", "read_ct", "enqueued_at", "last_read_at", "vt", "message", "headers");

  private static OutboxDatabase db;
  private static CountingConnectionProvider directStatements;
  private static CountingConnectionProvider sendBatchStatements;
  private static EntityManagerFactory direct;
  private static EntityManagerFactory sendBatch;

  @BeforeAll
  static void start(TestDatabase database) {
    db = new OutboxDatabase(database);
    directStatements = new CountingConnectionProvider(database);
    sendBatchStatements = new CountingConnectionProvider(database);
    direct = factory(directStatements, true);
    sendBatch = factory(sendBatchStatements, false);
  }

  @AfterAll
  static void stop() {
    direct.close();
    sendBatch.close();
  }

  @BeforeEach
  void resetCounts() {
    directStatements.reset();
    sendBatchStatements.reset();
  }

  private static EntityManagerFactory factory(CountingConnectionProvider c, boolean directInsert) {
    return new TestPersistenceUnit("direct-" + directInsert)
        .managedClasses(PurchaseOrder.class)
        .property("hibernate.connection.provider_class", c)
        .property("hibernate.hbm2ddl.auto", "update")
        .property(
            OutboxSettings.CONFIG,
            OutboxConfig.builder().router(BY_QUEUE).directInsert(directInsert).build())
        .createEntityManagerFactory();
  }

  @Test
  void plainQueueRowsAreSendBatchRows() throws Exception {
    String q = db.db().uniqueName("fp_plain");
    db.sql("select pgmq.create('" + q + "')");
    assertSameRows(q, 3);
    assertSameRows(q, 1);
  }

  @Test
  void unloggedQueueRowsAreSendBatchRows() throws Exception {
    String q = db.db().uniqueName("fp_unlogged");
    db.sql("select pgmq.create_unlogged('" + q + "')");
    assertSameRows(q, 4);
  }

  @Test
  void partitionedQueueRowsAreSendBatchRows() throws Exception {
    db.db().assumePartman();
    db.sql("create extension if not exists pg_partman");
    String byId = db.db().uniqueName("fp_part_id");
    db.sql("select pgmq.create_partitioned('" + byId + "', '5', '100')");
    assertSameRows(byId, 3); // ids 1..6 cross the first partition boundary
    String byTime = db.db().uniqueName("fp_part_time");
    db.sql("select pgmq.create_partitioned('" + byTime + "', '1 day', '7 days')");
    assertSameRows(byTime, 2);
  }

  @Test
  void insertNotificationStillFires() throws Exception {
    String q = db.db().uniqueName("fp_notify");
    db.sql("select pgmq.create('" + q + "')");
    db.sql("select pgmq.enable_notify_insert('" + q + "', 0)");
    try (Connection listener = db.db().connect();
        Statement s = listener.createStatement()) {
      s.execute("listen \"pgmq.q_" + q + ".INSERT\"");
      publish(direct, q, "notified", 2, null);
      assertThat(directStatements.count("insert into pgmq.\"q_" + q + "\"")).isEqualTo(1);
      PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(10_000);
      assertThat(got).isNotNull().isNotEmpty();
      assertThat(got[0].getName()).isEqualTo("pgmq.q_" + q + ".INSERT");
    }
    assertThat(db.rows(q)).hasSize(2);
  }

  @Test
  void tableNotShapedLikePgmqFallsBackToSendBatch() throws Exception {
    String q = db.db().uniqueName("fp_altered");
    db.sql("select pgmq.create('" + q + "')");
    db.sql("alter table pgmq.q_" + q + " add column note text");
    publish(direct, q, "altered", 2, null);
    assertThat(directStatements.count("pgmq.send_batch(")).isEqualTo(1);
    assertThat(directStatements.count("insert into pgmq.")).isZero();
    assertThat(db.rows(q)).hasSize(2);
  }

  @Test
  void leastPrivilegeProducerSendsThroughTheDirectInsert() throws Exception {
    String q = db.db().uniqueName("fp_grants");
    String role =
        "pgmq_fp_producer_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    db.sql("select pgmq.create('" + q + "')");
    db.sql("create role " + role + " login password 'x'");
    try {
      db.sql("grant usage on schema pgmq to " + role);
      db.sql("grant insert, select on pgmq.q_" + q + " to " + role);
      db.sql("grant create on schema public to " + role);
      db.sql("grant select, insert, update on all tables in schema public to " + role);
      // without EXECUTE on PGMQ's functions only the direct insert can write the queue
      db.sql("revoke execute on all functions in schema pgmq from public");
      try (EntityManagerFactory producerDirect = roleFactory(role, true);
          EntityManagerFactory producerSendBatch = roleFactory(role, false)) {
        publish(producerDirect, q, "granted", 3, null);
        assertThat(db.rows(q)).hasSize(3);
        assertThatThrownBy(() -> publish(producerSendBatch, q, "needs execute", 1, null))
            .isInstanceOf(PgmqPermissionException.class);
        db.sql("revoke insert on pgmq.q_" + q + " from " + role);
        assertThatThrownBy(() -> publish(producerDirect, q, "no insert", 1, null))
            .isInstanceOf(PgmqPermissionException.class);
      }
      assertThat(db.rows(q)).hasSize(3);
    } finally {
      db.sql("grant execute on all functions in schema pgmq to public");
      db.sql("drop owned by " + role);
      db.sql("drop role " + role);
    }
  }

  private EntityManagerFactory roleFactory(String role, boolean directInsert) {
    return new TestPersistenceUnit("role-" + directInsert)
        .managedClasses(PurchaseOrder.class)
        .jdbcUrl(db.db().jdbcUrl())
        .jdbcCredentials(role, "x")
        .jdbcPoolSize(1)
        .property(
            OutboxSettings.CONFIG,
            OutboxConfig.builder().router(BY_QUEUE).directInsert(directInsert).build())
        .createEntityManagerFactory();
  }

  /** The same n events through the direct insert, then through send_batch; rows compared. */
  private void assertSameRows(String q, int n) throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(UUID.randomUUID());
    }
    directStatements.reset();
    sendBatchStatements.reset();
    Instant[] directTx = publish(direct, q, "same \"rows\" ü €", n, ids);
    Instant[] sendBatchTx = publish(sendBatch, q, "same \"rows\" ü €", n, ids);
    assertThat(directStatements.count("insert into pgmq.\"q_" + q + "\"")).isEqualTo(1);
    assertThat(directStatements.count("pgmq.send_batch(")).isZero();
    assertThat(sendBatchStatements.count("pgmq.send_batch(")).isEqualTo(1);

    List<Map<String, Object>> rows = allColumns(q);
    List<Map<String, Object>> a = rows.subList(rows.size() - 2 * n, rows.size() - n);
    List<Map<String, Object>> b = rows.subList(rows.size() - n, rows.size());
    for (int i = 0; i < n; i++) {
      Map<String, Object> x = a.get(i);
      Map<String, Object> y = b.get(i);
      assertThat(x.keySet()).containsExactlyElementsOf(COLUMNS);
      // identity values, in order, one after the other
      assertThat((long) y.get("msg_id")).isEqualTo((long) x.get("msg_id") + n);
      if (i > 0) {
        assertThat((long) x.get("msg_id")).isEqualTo((long) a.get(i - 1).get("msg_id") + 1);
      }
      for (String same : List.of("read_ct", "last_read_at", "message", "headers")) {
        assertThat(x.get(same)).as(same).isEqualTo(y.get(same));
      }
      assertThat(x.get("read_ct")).isEqualTo(0);
      assertThat(x.get("last_read_at")).isNull();
      // enqueued_at: the transaction's now(); vt: the wall clock, once per statement
      assertTimes(x, a.get(0), directTx);
      assertTimes(y, b.get(0), sendBatchTx);
    }
  }

  private static void assertTimes(
      Map<String, Object> row, Map<String, Object> first, Instant[] tx) {
    Instant enqueued = (Instant) row.get("enqueued_at");
    Instant vt = (Instant) row.get("vt");
    assertThat(enqueued).isEqualTo(tx[0]);
    assertThat(vt).isEqualTo(first.get("vt"));
    assertThat(vt).isAfter(tx[1]).isBefore(tx[2]);
  }

  /**
   * Publishes n events to q in one transaction; returns its now(), a clock_timestamp() taken before
   * the flush and one taken after it.
   */
  private static Instant[] publish(
      EntityManagerFactory emf, String q, String text, int n, List<UUID> ids) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      Instant now = (Instant) em.createNativeQuery("select now()").getSingleResult();
      Instant before = (Instant) em.createNativeQuery("select clock_timestamp()").getSingleResult();
      Outbox outbox = Outbox.of(em);
      for (int i = 0; i < n; i++) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(EnvelopeHeaders.OCCURRED_AT, "2026-11-28T07:00:00Z");
        headers.put("x-app", "k\\\"" + i);
        if (ids != null) {
          headers.put(EnvelopeHeaders.EVENT_ID, ids.get(i).toString());
        }
        outbox.publish(new Routed(q, text, i), headers);
      }
      em.flush();
      Instant after = (Instant) em.createNativeQuery("select clock_timestamp()").getSingleResult();
      em.getTransaction().commit();
      return new Instant[] {now, before, after};
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  /** Every column of every row of q's table, by name, in msg_id order. */
  private static List<Map<String, Object>> allColumns(String q) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Connection c = db.db().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select * from pgmq.q_" + q + " order by msg_id")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          if (v instanceof Timestamp t) {
            v = t.toInstant();
          }
          row.put(
              md.getColumnName(i), v instanceof org.postgresql.util.PGobject o ? o.getValue() : v);
        }
        out.add(row);
      }
    }
    return out;
  }
}
