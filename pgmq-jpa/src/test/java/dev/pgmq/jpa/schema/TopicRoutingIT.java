package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Topic bindings, pattern matching, routed sends and their validation, as the PGMQ 1.13.1 extension
 * does them: a pattern is a regular expression anchored at both ends in which {@code *} is one or
 * more characters other than a dot and {@code #} any characters (the dots around it stay literal),
 * and the validation messages are the extension's.
 */
@PgmqDatabaseTest
class TopicRoutingIT {

  private final TestDatabase db;
  private Connection connection;
  private Sql sql;

  TopicRoutingIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void connect() throws Exception {
    connection = db.connect();
    sql = new Sql(connection);
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "orders.created, orders.created, true",
    "orders.created, orders.updated, false",
    "orders.*, orders.created, true",
    "orders.*, orders, false",
    "orders.*, orders.eu.created, false",
    "*.created, orders.created, true",
    "*.created, created, false",
    "orders.#, orders, false",
    "orders.#, orders.created, true",
    "orders.#, orders.eu.created, true",
    "orders.#, ordersx.created, false",
    "#.created, created, false",
    "#.created, orders.eu.created, true",
    "#.created, orders.created.late, false",
    "orders.#.created, orders.created, false",
    "orders.#.created, orders.created.created, true",
    "orders.#.created, orders.eu.de.created, true",
    "orders.#.created, orders.eu.updated, false",
    "#, anything.at.all, true",
    "#.#, a.b, true",
    "*.*, a.b, true",
    "*.*, a, false",
    "#.*, a, false",
    "#.*, a.b, true",
    "*.#, a.b.c, true",
    "*.#.*, a.b, false",
    "#.b.#, a.b.c, true",
    "#.b.#, a.b, false",
    "a.#.b, a.b, false",
    "ord*, orders, true",
    "a*b, ab, false",
    "a*b, axb, true",
    "or#, orders.eu.created, true",
    "#ed, orders.created, true",
    "Orders.*, orders.created, false",
    "v1-0.#, v1_0.x, false",
    "a-b_c.*, a-b_c.d, true",
    "a.b, aXb, false"
  })
  void patternsMatchRoutingKeysAsAnchoredRegularExpressions(
      String pattern, String key, boolean matches) {
    String q = db.uniqueName("route");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.bind_topic(?, ?)", pattern, q);
    List<String> routed =
        sql.column("select queue_name from pgmq.test_routing(?) where queue_name = ?", key, q);
    assertThat(!routed.isEmpty()).as("%s ~ %s", key, pattern).isEqualTo(matches);
    assertThat((Integer) sql.one("select pgmq.send_topic(?, '{}'::jsonb)", key) > 0 || !matches)
        .isTrue();
    assertThat((Long) sql.one("select count(*) from pgmq.q_" + q)).isEqualTo(matches ? 1L : 0L);
    sql.exec("select pgmq.drop_queue(?)", q);
  }

  @Test
  void bindIsIdempotentListsBindingsAndUnbindReportsWhetherItRemovedOne() {
    String q1 = db.uniqueName("bind");
    String q2 = db.uniqueName("bind");
    sql.exec("select pgmq.create(?)", q1);
    sql.exec("select pgmq.create(?)", q2);
    sql.exec("select pgmq.bind_topic('x.*', ?)", q1);
    sql.exec("select pgmq.bind_topic('x.*', ?)", q1);
    sql.exec("select pgmq.bind_topic('x.#', ?)", q2);

    List<Map<String, Object>> forQ1 = sql.rows("select * from pgmq.list_topic_bindings(?)", q1);
    assertThat(forQ1).hasSize(1);
    assertThat(forQ1.get(0).keySet())
        .containsExactly("pattern", "queue_name", "bound_at", "compiled_regex");
    assertThat(forQ1.get(0)).containsEntry("pattern", "x.*").containsEntry("queue_name", q1);
    assertThat(forQ1.get(0)).containsEntry("compiled_regex", "^x\\.[^.]+$");
    assertThat(sql.rows("select * from pgmq.list_topic_bindings()"))
        .extracting(r -> r.get("queue_name"))
        .contains(q1, q2);

    assertThat((Boolean) sql.one("select pgmq.unbind_topic('x.*', ?)", q1)).isTrue();
    assertThat((Boolean) sql.one("select pgmq.unbind_topic('x.*', ?)", q1)).isFalse();
    assertThat(sql.rows("select * from pgmq.list_topic_bindings(?)", q1)).isEmpty();
  }

  @Test
  void sendTopicSendsOncePerMatchingQueueInEveryShape() {
    String a = db.uniqueName("ta");
    String b = db.uniqueName("tb");
    String none = db.uniqueName("tn");
    for (String q : List.of(a, b, none)) {
      sql.exec("select pgmq.create(?)", q);
    }
    sql.exec("select pgmq.bind_topic('evt.*', ?)", a);
    sql.exec("select pgmq.bind_topic('evt.#', ?)", a);
    sql.exec("select pgmq.bind_topic('#', ?)", b);
    sql.exec("select pgmq.bind_topic('other.*', ?)", none);

    assertThat((Integer) sql.one("select pgmq.send_topic('evt.one', '{\"n\":1}'::jsonb)"))
        .isEqualTo(2);
    assertThat((Integer) sql.one("select pgmq.send_topic('evt.two', '{\"n\":2}'::jsonb, 3600)"))
        .isEqualTo(2);
    assertThat(
            (Integer)
                sql.one(
                    "select pgmq.send_topic('evt.three', '{\"n\":3}'::jsonb, '{\"h\":3}'::jsonb,"
                        + " 0)"))
        .isEqualTo(2);
    assertThat((Integer) sql.one("select pgmq.send_topic('nomatch', '{}'::jsonb)")).isEqualTo(1);
    sql.exec("select pgmq.unbind_topic('#', ?)", b);
    assertThat((Integer) sql.one("select pgmq.send_topic('nomatch', '{}'::jsonb)")).isZero();

    assertThat(
            sql.<String>column(
                "select message->>'n' || ':' || coalesce(headers->>'h', '-') || ':' || (vt >"
                    + " now() + interval '30 minutes') from pgmq.q_"
                    + a
                    + " order by msg_id"))
        .containsExactly("1:-:false", "2:-:true", "3:3:false");
    assertThat((Long) sql.one("select count(*) from pgmq.q_" + b)).isEqualTo(4L);
    assertThat((Long) sql.one("select count(*) from pgmq.q_" + none)).isZero();
  }

  @Test
  void sendBatchTopicReturnsQueueAndIdForEveryMessageInEveryShape() {
    String a = db.uniqueName("ba");
    String b = db.uniqueName("bb");
    sql.exec("select pgmq.create(?)", a);
    sql.exec("select pgmq.create(?)", b);
    sql.exec("select pgmq.bind_topic('batch.*', ?)", a);
    sql.exec("select pgmq.bind_topic('batch.#', ?)", b);
    Timestamp at = Timestamp.from(Instant.now().plusSeconds(3600));
    String msgs = "array['{\"n\":1}','{\"n\":2}']::jsonb[]";
    String hdrs = "array['{\"h\":1}','{\"h\":2}']::jsonb[]";
    List<String> calls =
        List.of(
            "select * from pgmq.send_batch_topic('batch.x', " + msgs + ")",
            "select * from pgmq.send_batch_topic('batch.x', " + msgs + ", " + hdrs + ")",
            "select * from pgmq.send_batch_topic('batch.x', " + msgs + ", 3600)",
            "select * from pgmq.send_batch_topic('batch.x', " + msgs + ", ?::timestamptz)",
            "select * from pgmq.send_batch_topic('batch.x', " + msgs + ", " + hdrs + ", 3600)",
            "select * from pgmq.send_batch_topic('batch.x', "
                + msgs
                + ", "
                + hdrs
                + ", ?::timestamptz)");
    long next = 1;
    for (String call : calls) {
      List<Map<String, Object>> rows = call.contains("?") ? sql.rows(call, at) : sql.rows(call);
      assertThat(rows).as(call).hasSize(4);
      assertThat(rows.get(0).keySet()).containsExactly("queue_name", "msg_id");
      assertThat(rows)
          .filteredOn(r -> a.equals(r.get("queue_name")))
          .extracting(r -> r.get("msg_id"))
          .containsExactly(next, next + 1);
      next += 2;
    }
    assertThat(
            sql.<String>column(
                "select coalesce(headers->>'h', '-') || ':' || (vt > now() + interval '30"
                    + " minutes') from pgmq.q_"
                    + b
                    + " order by msg_id"))
        .containsExactly(
            "-:false", "-:false", "1:false", "2:false", "-:true", "-:true", "-:true", "-:true",
            "1:true", "2:true", "1:true", "2:true");
    assertThat(sql.rows("select * from pgmq.send_batch_topic('nobody.listens', " + msgs + ")"))
        .isEmpty();
  }

  @Test
  void sendBatchTopicValidatesTheBatch() {
    sql.fails(
        "P0001",
        "msgs cannot be NULL or empty",
        "select * from pgmq.send_batch_topic('k', array[]::jsonb[])");
    sql.fails(
        "P0001",
        "headers array length (1) must match msgs array length (2)",
        "select * from pgmq.send_batch_topic('k', array['{}','{}']::jsonb[],"
            + " array['{}']::jsonb[])");
  }

  @Test
  void bindTopicToAMissingQueueFails() {
    sql.fails(
        "P0001",
        "Queue \"no_such_queue\" does not exist. Create the queue first using pgmq.create()",
        "select pgmq.bind_topic('a.b', 'no_such_queue')");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a.b", "A-1.b_2", "x.y.z"})
  void validRoutingKeysPass(String key) {
    assertThat((Boolean) sql.one("select pgmq.validate_routing_key(?)", key)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| routing_key cannot be NULL or empty",
        ".a| routing_key cannot start with a dot. Got: .a",
        "a.| routing_key cannot end with a dot. Got: a.",
        "a..b| routing_key cannot contain consecutive dots. Got: a..b",
        "a*b| routing_key contains invalid characters. Only alphanumeric, dots, hyphens, and"
            + " underscores are allowed. Got: a*b",
        "a#| routing_key contains invalid characters. Only alphanumeric, dots, hyphens, and"
            + " underscores are allowed. Got: a#",
        "a b| routing_key contains invalid characters. Only alphanumeric, dots, hyphens, and"
            + " underscores are allowed. Got: a b"
      })
  void invalidRoutingKeysFailEverywhere(String key, String message) {
    sql.fails("P0001", message, "select pgmq.validate_routing_key(?)", key);
    sql.fails("P0001", message, "select pgmq.send_topic(?, '{}'::jsonb)", key);
    sql.fails("P0001", message, "select * from pgmq.test_routing(?)", key);
    sql.fails(
        "P0001", message, "select * from pgmq.send_batch_topic(?, array['{}']::jsonb[])", key);
  }

  @Test
  void tooLongOrNullRoutingKeysAndPatternsFailWithTheExtensionsMessages() {
    sql.exec("select pgmq.validate_routing_key(?)", "k".repeat(255));
    sql.fails(
        "P0001",
        "routing_key length cannot exceed 255 characters, got 256 characters",
        "select pgmq.validate_routing_key(?)",
        "k".repeat(256));
    sql.fails(
        "P0001",
        "pattern length cannot exceed 255 characters, got 256 characters",
        "select pgmq.validate_topic_pattern(?)",
        "k".repeat(256));
    sql.fails(
        "P0001", "routing_key cannot be NULL or empty", "select pgmq.validate_routing_key(null)");
  }

  @Test
  void sendTopicRejectsANullMessageAndANegativeDelay() {
    sql.fails("P0001", "msg cannot be NULL", "select pgmq.send_topic('k.x', null::jsonb)");
    sql.fails(
        "P0001",
        "delay cannot be negative, got: -5",
        "select pgmq.send_topic('k.x', '{}'::jsonb, -5)");
  }

  @Test
  void bindTopicRejectsAMissingQueueNameAndUnbindANullPattern() {
    sql.fails("P0001", "queue_name cannot be NULL or empty", "select pgmq.bind_topic('a.b', null)");
    sql.fails("P0001", "queue_name cannot be NULL or empty", "select pgmq.bind_topic('a.b', '')");
    sql.fails(
        "P0001", "pattern cannot be NULL or empty", "select pgmq.unbind_topic(null, 'whatever')");
    assertThat((Boolean) sql.one("select pgmq.unbind_topic('bad..pattern', 'whatever')")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a.*", "#", "*.b.#", "#.x", "a-b.*.c_d", "ord*", "#ed", "a*b"})
  void validTopicPatternsPass(String pattern) {
    assertThat((Boolean) sql.one("select pgmq.validate_topic_pattern(?)", pattern)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| pattern cannot be NULL or empty",
        "a.**| pattern cannot contain consecutive stars (**). Use # for multi-segment matching."
            + " Got: a.**",
        "a.##| pattern cannot contain consecutive hashes (##). A single # already matches zero or"
            + " more segments. Got: a.##",
        "a.*#| pattern cannot contain adjacent wildcards (*# or #*). Separate wildcards with"
            + " dots. Got: a.*#",
        "a.#*| pattern cannot contain adjacent wildcards (*# or #*). Separate wildcards with"
            + " dots. Got: a.#*",
        ".a| pattern cannot start with a dot. Got: .a",
        "a.*.| pattern cannot end with a dot. Got: a.*.",
        "a..b| pattern cannot contain consecutive dots. Got: a..b",
        "a/b| pattern contains invalid characters. Only alphanumeric, dots, hyphens, underscores,"
            + " *, and # are allowed. Got: a/b"
      })
  void invalidTopicPatternsFailValidationAndBinding(String pattern, String message) {
    sql.fails("P0001", message, "select pgmq.validate_topic_pattern(?)", pattern);
    sql.fails("P0001", message, "select pgmq.bind_topic(?, 'whatever')", pattern);
  }
}
