package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Insert notifications delivered to a JDBC LISTEN, their throttle and their management. */
@PgmqDatabaseTest
class NotifyInsertIT {

  private final TestDatabase db;
  private Connection connection;
  private Connection listener;
  private Sql sql;

  NotifyInsertIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void connect() throws Exception {
    connection = db.connect();
    listener = db.connect();
    sql = new Sql(connection);
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
    listener.close();
  }

  @Test
  void insertIntoAQueueNotifiesItsChannelWithAnEmptyPayload() throws Exception {
    String q = db.uniqueName("notified");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.enable_notify_insert(?, 0)", q);
    listen("pgmq.q_" + q + ".INSERT");
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    List<PGNotification> received = await(1, 5000);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).getName()).isEqualTo("pgmq.q_" + q + ".INSERT");
    assertThat(received.get(0).getParameter()).isEmpty();
  }

  @Test
  void mixedCaseQueuesNotifyOnTheChannelSpelledAsInMeta() throws Exception {
    sql.exec("select pgmq.create('Mixed_Case_N')");
    sql.exec("select pgmq.enable_notify_insert('Mixed_Case_N', 0)");
    listen("pgmq.q_Mixed_Case_N.INSERT");
    sql.exec("select pgmq.send('Mixed_Case_N', '{}'::jsonb)");
    assertThat(await(1, 5000))
        .extracting(PGNotification::getName)
        .containsExactly("pgmq.q_Mixed_Case_N.INSERT");
  }

  @Test
  void nothingIsDeliveredBeforeCommitOrAfterRollback() throws Exception {
    String q = db.uniqueName("txn");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.enable_notify_insert(?, 0)", q);
    listen("pgmq.q_" + q + ".INSERT");
    connection.setAutoCommit(false);
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    assertThat(await(1, 300)).isEmpty();
    connection.rollback();
    assertThat(await(1, 300)).isEmpty();
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    connection.commit();
    connection.setAutoCommit(true);
    assertThat(await(1, 5000)).hasSize(1);
  }

  @Test
  void throttleAllowsAtMostOneNotificationPerInterval() throws Exception {
    String q = db.uniqueName("throttled");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.enable_notify_insert(?)", q);
    assertThat(
            (Integer)
                sql.one(
                    "select throttle_interval_ms from pgmq.list_notify_insert_throttles() where"
                        + " queue_name = ?",
                    q))
        .isEqualTo(250);
    sql.exec("select pgmq.update_notify_insert(?, 60000)", q);
    listen("pgmq.q_" + q + ".INSERT");
    for (int i = 0; i < 5; i++) {
      sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    }
    sql.exec("select pgmq.send_batch(?, array['{}','{}']::jsonb[])", q);
    assertThat(await(10, 1000)).hasSize(1);
    Map<String, Object> throttle =
        sql.rows("select * from pgmq.list_notify_insert_throttles() where queue_name = ?", q)
            .get(0);
    assertThat(throttle.keySet())
        .containsExactly("queue_name", "throttle_interval_ms", "last_notified_at");
    assertThat(throttle).containsEntry("throttle_interval_ms", 60000);
    assertThat(throttle.get("last_notified_at")).isNotEqualTo(java.time.Instant.EPOCH);

    sql.exec("select pgmq.update_notify_insert(?, 0)", q);
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    assertThat(await(2, 5000)).hasSize(2);
  }

  @Test
  void disableRemovesTriggerAndThrottleAndStopsNotifications() throws Exception {
    String q = db.uniqueName("disabled");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.enable_notify_insert(?, 0)", q);
    sql.exec("select pgmq.enable_notify_insert(?, 0)", q);
    assertThat(triggerCount(q)).isEqualTo(1L);
    sql.exec("select pgmq.disable_notify_insert(?)", q);
    assertThat(triggerCount(q)).isZero();
    assertThat(
            sql.rows("select * from pgmq.list_notify_insert_throttles() where queue_name = ?", q))
        .isEmpty();
    listen("pgmq.q_" + q + ".INSERT");
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    assertThat(await(1, 500)).isEmpty();
    sql.exec("select pgmq.disable_notify_insert(?)", q);
  }

  @Test
  void triggerIsADeferrableInitiallyImmediateConstraintTriggerPassingTheQueueName() {
    String q = db.uniqueName("shape");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.enable_notify_insert(?)", q);
    String def =
        sql.one(
            "select pg_get_triggerdef(oid) from pg_trigger where tgrelid = ?::regclass and"
                + " tgname = 'trigger_notify_queue_insert_listeners'",
            "pgmq.q_" + q);
    assertThat(def)
        .isEqualTo(
            "CREATE CONSTRAINT TRIGGER trigger_notify_queue_insert_listeners AFTER INSERT ON pgmq.q_"
                + q
                + " DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION"
                + " pgmq.notify_queue_listeners('"
                + q
                + "')");
  }

  @Test
  void managingNotificationsOfAMissingQueueFails() {
    sql.fails(
        "P0001",
        "Queue \"nope\" does not exist. Create it first using pgmq.create()",
        "select pgmq.enable_notify_insert('nope')");
    sql.fails(
        "P0001",
        "Queue \"nope\" does not exist. Create the queue first using pgmq.create()",
        "select pgmq.update_notify_insert('nope', 10)");
  }

  @Test
  void negativeThrottleAndUpdatingADisabledQueueFailWithTheExtensionsMessages() {
    String q = db.uniqueName("bad_throttle");
    sql.exec("select pgmq.create(?)", q);
    sql.fails(
        "P0001",
        "throttle_interval_ms must be non-negative",
        "select pgmq.enable_notify_insert(?, -1)",
        q);
    sql.fails(
        "P0001",
        "throttle_interval_ms must be non-negative, got: -5",
        "select pgmq.update_notify_insert(?, -5)",
        q);
    sql.fails(
        "P0001",
        "Queue \""
            + q
            + "\" does not have notify_insert enabled. Enable it first using"
            + " pgmq.enable_notify_insert()",
        "select pgmq.update_notify_insert(?, 10)",
        q);
  }

  @Test
  void enablingAgainOrUpdatingResetsTheThrottleClock() throws Exception {
    String q = db.uniqueName("reset");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.enable_notify_insert(?, 60000)", q);
    listen("pgmq.q_" + q + ".INSERT");
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    assertThat(await(2, 1000)).hasSize(1);
    sql.exec("select pgmq.enable_notify_insert(?, 60000)", q);
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    assertThat(await(2, 1000)).hasSize(1);
    sql.exec("select pgmq.update_notify_insert(?, 60000)", q);
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    assertThat(await(2, 1000)).hasSize(1);
  }

  private void listen(String channel) throws Exception {
    try (Statement s = listener.createStatement()) {
      s.execute("listen \"" + channel + "\"");
    }
  }

  private List<PGNotification> await(int atMost, int timeoutMillis) throws Exception {
    List<PGNotification> received = new ArrayList<>();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    PGConnection pg = listener.unwrap(PGConnection.class);
    while (received.size() < atMost) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      PGNotification[] batch = pg.getNotifications((int) left);
      if (batch != null) {
        received.addAll(List.of(batch));
      }
    }
    return received;
  }

  private long triggerCount(String q) {
    return sql.one(
        "select count(*) from pg_trigger where tgrelid = ?::regclass and tgname ="
            + " 'trigger_notify_queue_insert_listeners'",
        "pgmq.q_" + q);
  }
}
