package dev.pgmq.jpa.internal;

/**
 * The SQL text of every PGMQ call, built once. Every argument is cast explicitly, because several
 * PGMQ overloads are ambiguous for untyped parameters; jsonb arrays are bound as one JSON-array
 * text and expanded in SQL (never as a {@code jsonb[]} parameter or column), except on a plain JDBC
 * connection the caller holds ({@link ConnectionBatchSender}), where the already encoded texts are
 * bound as {@code jsonb[]} arrays ({@code Connection.createArrayOf}), each element parsed on its
 * own. The direct inserts into a queue's table are built per queue by {@link QueueTable}.
 */
final class PgmqSql {

  private PgmqSql() {}

  static final String Q = "cast(? as text)";
  static final String JSONB = "cast(? as jsonb)";
  static final String INT = "cast(? as integer)";
  static final String TS = "cast(? as timestamptz)";
  static final String IDS = "cast(? as bigint[])";

  /** Expands one bound JSON array into a {@code jsonb[]}, order kept, JSON nulls as SQL NULL. */
  static final String JSONB_ARRAY =
      "array(select case when jsonb_typeof(e.v) = 'null' then null else e.v end"
          + " from jsonb_array_elements(cast(? as jsonb)) with ordinality as e(v, i) order by e.i)";

  static final String CREATE = "select true as result from pgmq.create(" + Q + ")";
  static final String CREATE_UNLOGGED =
      "select true as result from pgmq.create_unlogged(" + Q + ")";
  static final String CREATE_PARTITIONED =
      "select true as result from pgmq.create_partitioned(" + Q + ", " + Q + ", " + Q + ")";

  /** 0: pg_partman is created; 1: the server offers it; 2: it does not. */
  static final String PARTMAN_STATE =
      "select case when exists(select 1 from pg_extension where extname = 'pg_partman') then 0"
          + " when exists(select 1 from pg_available_extensions where name = 'pg_partman') then 1"
          + " else 2 end as result";

  static final String DROP = "select pgmq.drop_queue(" + Q + ") as result";
  static final String LIST = "select * from pgmq.list_queues()";
  static final String PURGE = "select pgmq.purge_queue(" + Q + ") as result";
  static final String METRICS = "select * from pgmq.metrics(" + Q + ")";
  static final String METRICS_ALL = "select * from pgmq.metrics_all()";

  /** Indexed by {@link #sendShape}: none, headers, delay int, headers+int, ts, headers+ts. */
  static final String[] SEND = shapes("select pgmq.send(" + Q + ", " + JSONB, JSONB, ") as msg_id");

  static final String[] SEND_BATCH =
      shapes(
          "select s.msg_id from pgmq.send_batch(" + Q + ", " + JSONB_ARRAY,
          JSONB_ARRAY,
          ") as s(msg_id)");

  static final String[] SEND_BATCH_TOPIC =
      shapes(
          "select queue_name, msg_id from pgmq.send_batch_topic(" + Q + ", " + JSONB_ARRAY,
          JSONB_ARRAY,
          ")");

  /** {@code send_batch} of pre-encoded texts bound as two {@code jsonb[]} arrays. */
  static final String SEND_BATCH_ARRAYS =
      "select s.msg_id from pgmq.send_batch("
          + Q
          + ", cast(? as jsonb[]), cast(? as jsonb[])) as s(msg_id)";

  /** {@code send_batch_topic} of pre-encoded texts: how many messages were routed. */
  static final String SEND_BATCH_TOPIC_ARRAYS_COUNT =
      "select count(*) as result from pgmq.send_batch_topic("
          + Q
          + ", cast(? as jsonb[]), cast(? as jsonb[]))";

  static final String READ =
      "select * from pgmq.read(" + Q + ", " + INT + ", " + INT + ", " + JSONB + ")";
  static final String READ_WITH_POLL =
      "select * from pgmq.read_with_poll("
          + Q
          + ", "
          + INT
          + ", "
          + INT
          + ", "
          + INT
          + ", "
          + INT
          + ", "
          + JSONB
          + ")";
  static final String POP = "select * from pgmq.pop(" + Q + ")";
  static final String POP_QTY = "select * from pgmq.pop(" + Q + ", " + INT + ")";

  static final String SET_VT =
      "select * from pgmq.set_vt(" + Q + ", cast(? as bigint), " + INT + ")";
  static final String SET_VT_TS =
      "select * from pgmq.set_vt(" + Q + ", cast(? as bigint), " + TS + ")";
  static final String SET_VT_MANY =
      "select * from pgmq.set_vt(" + Q + ", " + IDS + ", " + INT + ")";
  static final String SET_VT_MANY_TS =
      "select * from pgmq.set_vt(" + Q + ", " + IDS + ", " + TS + ")";

  static final String DELETE = "select pgmq.delete(" + Q + ", cast(? as bigint)) as result";
  static final String DELETE_MANY =
      "select d.msg_id from pgmq.delete(" + Q + ", " + IDS + ") as d(msg_id)";
  static final String ARCHIVE = "select pgmq.archive(" + Q + ", cast(? as bigint)) as result";
  static final String ARCHIVE_MANY =
      "select a.msg_id from pgmq.archive(" + Q + ", " + IDS + ") as a(msg_id)";

  static final String BIND_TOPIC =
      "select true as result from pgmq.bind_topic(" + Q + ", " + Q + ")";
  static final String UNBIND_TOPIC = "select pgmq.unbind_topic(" + Q + ", " + Q + ") as result";
  static final String SEND_TOPIC = "select pgmq.send_topic(" + Q + ", " + JSONB + ") as result";
  static final String SEND_TOPIC_FULL =
      "select pgmq.send_topic(" + Q + ", " + JSONB + ", " + JSONB + ", " + INT + ") as result";
  static final String LIST_BINDINGS = "select * from pgmq.list_topic_bindings()";
  static final String LIST_BINDINGS_OF = "select * from pgmq.list_topic_bindings(" + Q + ")";
  static final String TEST_ROUTING = "select * from pgmq.test_routing(" + Q + ")";

  static final String ENABLE_NOTIFY =
      "select true as result from pgmq.enable_notify_insert(" + Q + ", " + INT + ")";
  static final String DISABLE_NOTIFY =
      "select true as result from pgmq.disable_notify_insert(" + Q + ")";

  /** How many queues named {@code ?} have insert notifications enabled (PGMQ ≥ 1.11). */
  static final String NOTIFY_INSERT_ENABLED =
      "select count(*) as result from pgmq.list_notify_insert_throttles() where queue_name = " + Q;

  /** One notification on channel {@code ?}, delivered when the transaction commits. */
  static final String NOTIFY_PROBE =
      "select true as result from (select pg_notify(" + Q + ", 'pgmq-jpa probe')) p";

  /** A grouped read: {@code fn(queue, vt, qty)}. */
  static String grouped(String function) {
    return "select * from pgmq." + function + "(" + Q + ", " + INT + ", " + INT + ")";
  }

  /** A grouped read with poll: {@code fn(queue, vt, qty, max_poll_seconds, poll_interval_ms)}. */
  static String groupedWithPoll(String function) {
    return "select * from pgmq."
        + function
        + "("
        + Q
        + ", "
        + INT
        + ", "
        + INT
        + ", "
        + INT
        + ", "
        + INT
        + ")";
  }

  /** Index into the send arrays: headers (+1), delay seconds (+2), delay timestamp (+4). */
  static int sendShape(boolean headers, Object delay) {
    int shape = headers ? 1 : 0;
    if (delay instanceof Integer) {
      shape += 2;
    } else if (delay != null) {
      shape += 4;
    }
    return shape;
  }

  private static String[] shapes(String head, String headers, String tail) {
    String h = ", " + headers;
    return new String[] {
      head + tail,
      head + h + tail,
      head + ", " + INT + tail,
      head + h + ", " + INT + tail,
      head + ", " + TS + tail,
      head + h + ", " + TS + tail
    };
  }
}
