package dev.pgmq.it.reliability;

import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.BAD_INPUTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.NoActiveTransactionException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqException;
import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.jpa.PgmqStatementException;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input: each case asserts the exception type and that no SQL was executed (counted by
 * Hibernate's statement inspector and at the JDBC connection), or, where the database has to be
 * asked, that PGMQ's state is unchanged afterwards.
 */
@PgmqDatabaseTest
@ExtendWith(ReliabilitySummary.class)
class BadInputIT {

  /** Names PGMQ cannot have, or that this library refuses to alias. */
  static final List<String> BAD_NAMES =
      List.of(
          "",
          "a".repeat(48),
          "b".repeat(200),
          "a$b",
          "a;b",
          "a--b",
          "it's",
          "a\"b",
          "a b",
          " a",
          "a\t",
          "a\nb",
          "a\u0000b",
          "ü",
          "队列",
          "\uD83D\uDE00",
          "Orders",
          "a.b",
          "a-b",
          "../etc",
          "q_*",
          "x'; drop table pgmq.meta; --",
          "orders; drop table tracked_order");

  private static final String QUEUE = "inputs";
  private static final Duration VT = Duration.ofSeconds(30);
  private static final Map<String, Object> PAYLOAD = Map.of("ok", true);

  private static StatementCounter counter;
  private static EntityManagerFactory emf;
  private static Sql sql;

  @BeforeAll
  static void setUp(TestDatabase db) {
    counter = new StatementCounter(db);
    emf =
        Factories.orders(
            db.jdbcUrl(),
            db.user(),
            db.password(),
            4,
            Map.of(
                "hibernate.session_factory.statement_inspector", counter,
                "hibernate.connection.provider_class", counter));
    sql = new Sql(db::connect);
    useTransaction(p -> p.createQueue(QUEUE));
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  // ------------------------------------------------------------------------------ queue names

  /** An operation that takes a queue name. */
  private record Op(String name, BiConsumer<Pgmq, String> call) {}

  private static final List<Op> QUEUE_OPERATIONS =
      List.of(
          new Op("createQueue", Pgmq::createQueue),
          new Op("createUnloggedQueue", Pgmq::createUnloggedQueue),
          new Op("createPartitionedQueue", Pgmq::createPartitionedQueue),
          new Op("validateQueueName", Pgmq::validateQueueName),
          new Op("dropQueue", Pgmq::dropQueue),
          new Op("purge", Pgmq::purge),
          new Op("metrics", Pgmq::metrics),
          new Op("send", (p, q) -> p.send(q, PAYLOAD)),
          new Op("send+headers", (p, q) -> p.send(q, PAYLOAD, SendOptions.of(Map.of("h", 1)))),
          new Op("send+delay", (p, q) -> p.send(q, PAYLOAD, Duration.ofSeconds(1))),
          new Op("send+visibleAt", (p, q) -> p.send(q, PAYLOAD, SendOptions.at(Instant.now()))),
          new Op("sendBatch", (p, q) -> p.sendBatch(q, List.of(PAYLOAD))),
          new Op("read", (p, q) -> p.read(q, VT)),
          new Op("readBatch", (p, q) -> p.readBatch(q, VT, 5)),
          new Op(
              "readBatch+filter",
              (p, q) -> p.readBatch(q, ReadOptions.of(VT, 5).withFilter(PAYLOAD), JsonNode.class)),
          new Op(
              "readWithPoll",
              (p, q) -> p.readWithPoll(q, VT, 1, Duration.ofSeconds(1), Duration.ofMillis(100))),
          new Op(
              "readGrouped",
              (p, q) ->
                  p.readBatch(
                      q,
                      ReadOptions.of(VT, 1).withFifo(FifoMode.OLDEST_GROUP_FIRST),
                      JsonNode.class)),
          new Op("pop", Pgmq::pop),
          new Op("setVt", (p, q) -> p.setVt(q, 1L, VT)),
          new Op("delete", (p, q) -> p.delete(q, 1L)),
          new Op("deleteBatch", (p, q) -> p.deleteBatch(q, List.of(1L))),
          new Op("archive", (p, q) -> p.archive(q, 1L)),
          new Op("archiveBatch", (p, q) -> p.archiveBatch(q, List.of(1L))),
          new Op("bindTopic", (p, q) -> p.bindTopic("orders.*", q)),
          new Op("listTopicBindings", Pgmq::listTopicBindings),
          new Op("enableNotifyInsert", Pgmq::enableNotifyInsert));

  @Test
  void invalidQueueNamesAreRejectedBeforeAnySqlByEveryOperation() {
    List<String> before = sql.pgmqState();
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Pgmq pgmq = Pgmq.using(em);
      for (String name : BAD_NAMES) {
        for (Op op : QUEUE_OPERATIONS) {
          rejectedBeforeSql(
              op.name() + " '" + name + "'",
              InvalidQueueNameException.class,
              () -> op.call().accept(pgmq, name));
        }
      }
      em.getTransaction().commit();
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  @Test
  void invalidQueueNamesAreRejectedBeforeAnySqlByTheClientItsAsyncTwinAndConsumers() {
    List<String> before = sql.pgmqState();
    try (PgmqClient client = PgmqClient.create(emf)) {
      client.listQueues(); // first use: the client checks the schema once
      for (String name : BAD_NAMES) {
        for (Op op : QUEUE_OPERATIONS) {
          rejectedBeforeSql(
              "client " + op.name() + " '" + name + "'",
              InvalidQueueNameException.class,
              () -> op.call().accept(client, name));
        }
        rejectedBeforeSql(
            "async send '" + name + "'",
            InvalidQueueNameException.class,
            () -> client.async().call(p -> p.send(name, PAYLOAD)).join());
        rejectedBeforeSql(
            "async read '" + name + "'",
            InvalidQueueNameException.class,
            () -> client.async().call(p -> p.read(name, VT)).join());
        rejectedBeforeSql(
            "consumer of '" + name + "'",
            InvalidQueueNameException.class,
            () ->
                PgmqConsumer.builder(emf)
                    .queue(name)
                    .handler(JsonNode.class, (payload, ctx) -> {})
                    .build());
      }
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  @Test
  void anOutboxEventRoutedToAnInvalidQueueNameIsRejectedBeforeAnySql() {
    List<String> before = sql.pgmqState();
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Outbox.of(em).publish(new BadlyRoutedEvent(1));
      rejectedBeforeSql(
          "outbox event routed to \"x'; drop table pgmq.meta; --\"",
          InvalidQueueNameException.class,
          em::flush);
      em.getTransaction().rollback();
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  @Test
  void aFreshClientRunsNoSqlAtAllForAnInvalidQueueName() {
    String injection = "x'; drop table pgmq.meta; --";
    List<String> before = sql.pgmqState();
    try (PgmqClient fresh = PgmqClient.create(emf)) {
      // the client makes sure PGMQ is installed only when a valid call is about to run its first
      // statement: an invalid first call runs no SQL, not even the schema check
      rejectedBeforeSql(
          "first call of a fresh client, queue \"" + injection + "\"",
          InvalidQueueNameException.class,
          () -> fresh.send(injection, PAYLOAD));
      rejectedBeforeSql(
          "second call of the client, queue \"" + injection + "\"",
          InvalidQueueNameException.class,
          () -> fresh.send(injection, PAYLOAD));
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  // ------------------------------------------------------------------------------ payloads

  /** Jackson cannot serialise an object without properties. */
  static final class NoProperties {}

  /** A getter that fails while serialising. */
  static final class FailingGetter {
    public String getValue() {
      throw new IllegalStateException("broken getter");
    }
  }

  /** An object graph with a cycle. */
  static final class Node {
    public Node next;
    public String name = "n";
  }

  @Test
  void nullAndUnserialisablePayloadsAreRejectedBeforeAnySql() {
    Node a = new Node();
    Node b = new Node();
    a.next = b;
    b.next = a;
    List<Object> unserialisable =
        List.of(new NoProperties(), new FailingGetter(), a, Map.of("k", new NoProperties()));
    List<String> before = sql.pgmqState();
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Pgmq pgmq = Pgmq.using(em);
      rejectedBeforeSql("send null", NullPointerException.class, () -> pgmq.send(QUEUE, null));
      rejectedBeforeSql(
          "sendBatch null list", NullPointerException.class, () -> pgmq.sendBatch(QUEUE, null));
      rejectedBeforeSql(
          "sendBatch with a null element",
          NullPointerException.class,
          () -> pgmq.sendBatch(QUEUE, java.util.Arrays.asList(PAYLOAD, null)));
      rejectedBeforeSql(
          "send null headers",
          NullPointerException.class,
          () -> pgmq.send(QUEUE, PAYLOAD, SendOptions.of((Map<String, ?>) null)));
      for (Object payload : unserialisable) {
        String kind = payload.getClass().getSimpleName();
        rejectedBeforeSql(
            "send " + kind, PgmqSerializationException.class, () -> pgmq.send(QUEUE, payload));
        rejectedBeforeSql(
            "sendBatch " + kind,
            PgmqSerializationException.class,
            () -> pgmq.sendBatch(QUEUE, List.of(PAYLOAD, payload)));
        rejectedBeforeSql(
            "headers " + kind,
            PgmqSerializationException.class,
            () -> pgmq.send(QUEUE, PAYLOAD, SendOptions.of(Map.of("h", payload))));
        rejectedBeforeSql(
            "read filter " + kind,
            PgmqSerializationException.class,
            () -> pgmq.readBatch(QUEUE, ReadOptions.of(VT, 1).withFilter(payload), JsonNode.class));
      }
      rejectedBeforeSql(
          "outbox publish null", NullPointerException.class, () -> Outbox.of(em).publish(null));
      em.getTransaction().commit();
    }
    for (Object payload : unserialisable) {
      String kind = payload.getClass().getSimpleName();
      try (EntityManager em = emf.createEntityManager()) {
        em.getTransaction().begin();
        Outbox.of(em).publish(new Envelope(payload));
        rejectedBeforeSql(
            "outbox event holding " + kind, PgmqSerializationException.class, em::flush);
        em.getTransaction().rollback();
      }
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  /** An outbox event carrying whatever it is given. */
  @dev.pgmq.outbox.OutboxEvent(queue = QUEUE, type = "envelope")
  record Envelope(Object content) {}

  @Test
  void textWithoutAUtf8FormIsRejectedBeforeAnySql() {
    String lone = "lone surrogate \uD800 inside";
    List<String> before = sql.pgmqState();
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Pgmq pgmq = Pgmq.using(em);
      rejectedBeforeSql(
          "payload with an unpaired surrogate",
          PgmqSerializationException.class,
          () -> pgmq.send(QUEUE, Map.of("text", lone)));
      rejectedBeforeSql(
          "header with an unpaired surrogate",
          PgmqSerializationException.class,
          () -> pgmq.send(QUEUE, PAYLOAD, SendOptions.of(Map.of("h", lone))));
      rejectedBeforeSql(
          "batch with an unpaired surrogate",
          PgmqSerializationException.class,
          () -> pgmq.sendBatch(QUEUE, List.of(PAYLOAD, lone)));
      Outbox.of(em).publish(new Envelope(lone));
      rejectedBeforeSql(
          "outbox event with an unpaired surrogate", PgmqSerializationException.class, em::flush);
      em.getTransaction().rollback();
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  @Test
  void textPostgresJsonbCannotHoldRoundTripsOrFailsClearlyAndChangesNothing() {
    String nul = "nul \u0000 inside";
    ReliabilityFigures.increment(BAD_INPUTS);
    List<String> before = sql.pgmqState();
    Throwable thrown;
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      thrown = catchThrowable(() -> Pgmq.using(em).send(QUEUE, Map.of("text", nul)));
      em.getTransaction().rollback();
    }
    if (thrown == null) {
      long sent = inTransaction(p -> p.send(QUEUE, Map.of("text", nul)));
      Message<JsonNode> back = inTransaction(p -> p.pop(QUEUE)).orElseThrow();
      assertThat(back.msgId()).isEqualTo(sent);
      assertThat(back.message().get("text").asText().codePoints().toArray())
          .isEqualTo(nul.codePoints().toArray());
    } else {
      assertThat(thrown).isInstanceOf(PgmqStatementException.class);
      assertThat(((PgmqStatementException) thrown).sqlState()).isEqualTo("22P05");
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  @Test
  void aPayloadOverTenMegabytesRoundTripsByteForByte() throws Exception {
    StringBuilder big = new StringBuilder(11 * 1024 * 1024);
    String[] pieces = {
      "abc", "\"quoted\"", "back\\slash", "line\nbreak", "é", "队列", "\uD83D\uDE00", "\t"
    };
    for (int i = 0; big.length() < 10 * 1024 * 1024 + 4096; i++) {
      big.append(pieces[i % pieces.length]).append(i);
    }
    String blob = big.toString();
    byte[] utf8 = blob.getBytes(StandardCharsets.UTF_8);
    assertThat(utf8.length).isGreaterThan(10 * 1024 * 1024);
    ReliabilityFigures.increment(BAD_INPUTS);

    long msgId = inTransaction(p -> p.send(QUEUE, Map.of("blob", blob)));
    Optional<Message<JsonNode>> back = inTransaction(p -> p.read(QUEUE, VT));
    assertThat(back).isPresent();
    assertThat(back.get().msgId()).isEqualTo(msgId);
    byte[] read = back.get().message().get("blob").asText().getBytes(StandardCharsets.UTF_8);
    assertThat(read).hasSize(utf8.length);
    assertThat(read).isEqualTo(utf8);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(utf8));
    assertThat(
            sql.rows(
                "select md5(convert_to(message->>'blob', 'UTF8')) from pgmq.q_"
                    + QUEUE
                    + " where msg_id = "
                    + msgId))
        .containsExactly(md5);
    assertThat(BadInputIT.<Boolean>inTransaction(p -> p.delete(QUEUE, msgId))).isTrue();
  }

  @Test
  void deeplyNestedJsonIsRejectedBeforeSqlOrRoundTripsIntact() {
    List<String> before = sql.pgmqState();
    rejectedBeforeSql(
        "payload nested 10 000 deep",
        PgmqSerializationException.class,
        () -> inTransaction(p -> p.send(QUEUE, nested(10_000))));
    rejectedBeforeSql(
        "headers nested 10 000 deep",
        PgmqSerializationException.class,
        () ->
            inTransaction(
                p -> p.send(QUEUE, PAYLOAD, SendOptions.of(Map.of("h", nested(10_000))))));
    assertThat(sql.pgmqState()).isEqualTo(before);

    ReliabilityFigures.increment(BAD_INPUTS);
    Object deep = nested(500);
    long id = inTransaction(p -> p.send(QUEUE, deep));
    Message<JsonNode> back = inTransaction(p -> p.pop(QUEUE)).orElseThrow();
    assertThat(back.msgId()).isEqualTo(id);
    JsonNode expected = new ObjectMapper().valueToTree(deep);
    assertThat(back.message()).isEqualTo(expected);

    // a message nested deeper than the reader accepts, written by another producer: a clear
    // error, and the caller's rollback leaves it untouched
    ReliabilityFigures.increment(BAD_INPUTS);
    sql.exec(
        "select pgmq.send('"
            + QUEUE
            + "', ('"
            + "[".repeat(5_000)
            + "]".repeat(5_000)
            + "')::jsonb)");
    List<String> withDeep = sql.pgmqState();
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Throwable thrown = catchThrowable(() -> Pgmq.using(em).read(QUEUE, VT));
      em.getTransaction().rollback();
      assertThat(thrown).isInstanceOf(PgmqSerializationException.class);
    }
    assertThat(sql.pgmqState()).isEqualTo(withDeep);
    sql.exec("select pgmq.purge_queue('" + QUEUE + "')");
  }

  private static Object nested(int depth) {
    Object value = "bottom";
    for (int i = 0; i < depth; i++) {
      value = List.of(value);
    }
    return value;
  }

  // ------------------------------------------------------------------------------ durations

  @Test
  void unrepresentableDurationsAreRejectedBeforeAnySql() {
    List<Duration> bad =
        List.of(
            Duration.ofSeconds(-1),
            Duration.ofMillis(-1),
            Duration.ofMillis(1500),
            Duration.ofNanos(1),
            Duration.ofSeconds(Integer.MAX_VALUE + 1L),
            Duration.ofSeconds(Long.MAX_VALUE),
            Duration.ofSeconds(Long.MIN_VALUE));
    List<String> before = sql.pgmqState();
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Pgmq pgmq = Pgmq.using(em);
      for (Duration d : bad) {
        rejectedBeforeSql(
            "read vt " + d, IllegalArgumentException.class, () -> pgmq.read(QUEUE, d));
        rejectedBeforeSql(
            "send delay " + d, IllegalArgumentException.class, () -> pgmq.send(QUEUE, PAYLOAD, d));
        rejectedBeforeSql(
            "sendBatch delay " + d,
            IllegalArgumentException.class,
            () -> pgmq.sendBatch(QUEUE, List.of(PAYLOAD), d));
        rejectedBeforeSql(
            "setVt " + d, IllegalArgumentException.class, () -> pgmq.setVt(QUEUE, 1L, d));
        rejectedBeforeSql(
            "readWithPoll maxPoll " + d,
            IllegalArgumentException.class,
            () -> pgmq.readWithPoll(QUEUE, VT, 1, d, Duration.ofMillis(100)));
        rejectedBeforeSql(
            "enableNotifyInsert throttle " + d,
            IllegalArgumentException.class,
            () -> pgmq.enableNotifyInsert(QUEUE, d.isNegative() ? d : d.plusNanos(1)));
      }
      for (Duration d : List.of(Duration.ZERO, Duration.ofMillis(-5), Duration.ofNanos(500))) {
        rejectedBeforeSql(
            "readWithPoll pollInterval " + d,
            IllegalArgumentException.class,
            () -> pgmq.readWithPoll(QUEUE, VT, 1, Duration.ofSeconds(1), d));
      }
      rejectedBeforeSql("read vt null", NullPointerException.class, () -> pgmq.read(QUEUE, null));
      em.getTransaction().commit();
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  @Test
  void extremeButRepresentableTimesWorkAndOutOfRangeInstantsFailClearly() {
    ReliabilityFigures.add(BAD_INPUTS, 4);
    Duration longest = Duration.ofSeconds(Integer.MAX_VALUE);
    long delayed = inTransaction(p -> p.send(QUEUE, PAYLOAD, longest));
    assertThat(BadInputIT.<Optional<Message<JsonNode>>>inTransaction(p -> p.read(QUEUE, VT)))
        .isEmpty();
    long visible = inTransaction(p -> p.send(QUEUE, PAYLOAD));
    Message<JsonNode> read = inTransaction(p -> p.read(QUEUE, longest)).orElseThrow();
    assertThat(read.msgId()).isEqualTo(visible);
    assertThat(read.vt()).isAfter(Instant.now().plus(365L * 60, ChronoUnit.DAYS));
    assertThat(
            BadInputIT.<List<Long>>inTransaction(
                p -> p.deleteBatch(QUEUE, List.of(delayed, visible))))
        .containsExactlyInAnyOrder(delayed, visible);

    List<String> before = sql.pgmqState();
    for (Instant instant : List.of(Instant.MAX, Instant.MIN)) {
      try (EntityManager em = emf.createEntityManager()) {
        em.getTransaction().begin();
        Throwable thrown =
            catchThrowable(() -> Pgmq.using(em).send(QUEUE, PAYLOAD, SendOptions.at(instant)));
        em.getTransaction().rollback();
        assertThat(thrown).as("send visible at " + instant).isInstanceOf(PgmqException.class);
      }
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  // ------------------------------------------------------------------------------ batch sizes

  @Test
  void nonPositiveBatchSizesAreRejectedBeforeAnySqlAndHugeOnesWork() {
    List<String> before = sql.pgmqState();
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Pgmq pgmq = Pgmq.using(em);
      for (int qty : new int[] {0, -1, Integer.MIN_VALUE}) {
        rejectedBeforeSql(
            "readBatch " + qty,
            IllegalArgumentException.class,
            () -> pgmq.readBatch(QUEUE, VT, qty));
        rejectedBeforeSql(
            "readWithPoll " + qty,
            IllegalArgumentException.class,
            () -> pgmq.readWithPoll(QUEUE, VT, qty, Duration.ofSeconds(1), Duration.ofMillis(10)));
        rejectedBeforeSql(
            "pop " + qty,
            IllegalArgumentException.class,
            () -> pgmq.pop(QUEUE, qty, JsonNode.class));
        rejectedBeforeSql(
            "readGrouped " + qty,
            IllegalArgumentException.class,
            () ->
                pgmq.readBatch(
                    QUEUE,
                    ReadOptions.of(VT, qty).withFifo(FifoMode.OLDEST_GROUP_FIRST),
                    JsonNode.class));
        rejectedBeforeSql(
            "consumer batchSize " + qty,
            IllegalArgumentException.class,
            () ->
                PgmqConsumer.builder(emf)
                    .queue(QUEUE)
                    .handler(JsonNode.class, (payload, ctx) -> {})
                    .batchSize(qty)
                    .build());
      }
      rejectedBeforeSql(
          "sendBatch of nothing",
          IllegalArgumentException.class,
          () -> pgmq.sendBatch(QUEUE, List.of()));
      rejectedBeforeSql(
          "sendBatch with headers for fewer messages",
          IllegalArgumentException.class,
          () ->
              pgmq.sendBatch(
                  QUEUE, List.of(PAYLOAD, PAYLOAD), List.of(Map.of("h", 1)), SendOptions.NONE));
      rejectedBeforeSql(
          "consumer batchSize 1001",
          IllegalArgumentException.class,
          () ->
              PgmqConsumer.builder(emf)
                  .queue(QUEUE)
                  .handler(JsonNode.class, (payload, ctx) -> {})
                  .batchSize(1001)
                  .build());
      em.getTransaction().commit();
    }
    assertThat(sql.pgmqState()).isEqualTo(before);

    ReliabilityFigures.add(BAD_INPUTS, 3);
    int huge = 20_000;
    List<Map<String, Integer>> many =
        IntStream.range(0, huge).mapToObj(i -> Map.of("i", i)).toList();
    List<Long> ids = inTransaction(p -> p.sendBatch(QUEUE, many));
    assertThat(ids).hasSize(huge).doesNotHaveDuplicates().isSorted();
    List<Message<JsonNode>> all = inTransaction(p -> p.readBatch(QUEUE, VT, Integer.MAX_VALUE));
    assertThat(all).extracting(Message::msgId).containsExactlyElementsOf(ids);
    assertThat(all)
        .extracting(m -> m.message().get("i").asInt())
        .containsExactlyElementsOf(IntStream.range(0, huge).boxed().toList());
    List<Long> withStrangers = new ArrayList<>(ids);
    LongStream.range(1, 1_000).map(i -> -i).forEach(withStrangers::add);
    assertThat(BadInputIT.<List<Long>>inTransaction(p -> p.deleteBatch(QUEUE, withStrangers)))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(sql.number("select count(*) from pgmq.q_" + QUEUE)).isZero();
  }

  // ------------------------------------------------------------------------------ missing queue

  @Test
  void operationsOnAMissingQueueRaiseQueueNotFoundAndChangeNothing() {
    String missing = "no_such_queue";
    List<Op> ops =
        List.of(
            new Op("send", (p, q) -> p.send(q, PAYLOAD)),
            new Op("sendBatch", (p, q) -> p.sendBatch(q, List.of(PAYLOAD))),
            new Op("read", (p, q) -> p.read(q, VT)),
            new Op("readBatch", (p, q) -> p.readBatch(q, VT, 3)),
            new Op(
                "readWithPoll",
                (p, q) -> p.readWithPoll(q, VT, 1, Duration.ofSeconds(1), Duration.ofMillis(10))),
            new Op("pop", Pgmq::pop),
            new Op("setVt", (p, q) -> p.setVt(q, 1L, VT)),
            new Op("delete", (p, q) -> p.delete(q, 1L)),
            new Op("deleteBatch", (p, q) -> p.deleteBatch(q, List.of(1L))),
            new Op("archive", (p, q) -> p.archive(q, 1L)),
            new Op("archiveBatch", (p, q) -> p.archiveBatch(q, List.of(1L))),
            new Op("purge", Pgmq::purge),
            new Op("metrics", Pgmq::metrics));
    List<String> before = sql.pgmqState();
    for (Op op : ops) {
      ReliabilityFigures.increment(BAD_INPUTS);
      try (EntityManager em = emf.createEntityManager()) {
        em.getTransaction().begin();
        Throwable thrown = catchThrowable(() -> op.call().accept(Pgmq.using(em), missing));
        em.getTransaction().rollback();
        assertThat(thrown).as(op.name()).isInstanceOf(QueueNotFoundException.class);
        assertThat(((QueueNotFoundException) thrown).queue()).isEqualTo(missing);
      }
      try (PgmqClient client = PgmqClient.create(emf)) {
        assertThat(catchThrowable(() -> op.call().accept(client, missing)))
            .as("client " + op.name())
            .isInstanceOf(QueueNotFoundException.class);
      }
    }
    ReliabilityFigures.add(BAD_INPUTS, 3);
    assertThat(BadInputIT.<Boolean>inTransaction(p -> p.dropQueue(missing))).isFalse();
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      em.persist(new TrackedOrder(8_001, "missing-queue", "bad"));
      Outbox.of(em).publish(new UnknownQueueEvent(1));
      Throwable thrown = catchThrowable(em::flush);
      em.getTransaction().rollback();
      assertThat(Causes.find(thrown, QueueNotFoundException.class))
          .as(String.valueOf(thrown))
          .isNotNull();
    }
    Throwable startFailure =
        catchThrowable(
            () ->
                PgmqConsumer.builder(emf)
                    .queue(missing)
                    .handler(JsonNode.class, (payload, ctx) -> {})
                    .build()
                    .start());
    assertThat(Causes.find(startFailure, QueueNotFoundException.class)).isNotNull();
    assertThat(sql.pgmqState()).isEqualTo(before);
    assertThat(sql.number("select count(*) from tracked_order where id = 8001")).isZero();
  }

  // ------------------------------------------------------------------------------ lifecycle

  @Test
  void closedClientsAndEntityManagersRejectCallsBeforeAnySql() {
    PgmqClient client = PgmqClient.create(emf);
    client.listQueues();
    client.close();
    rejectedBeforeSql(
        "closed client send", IllegalStateException.class, () -> client.send(QUEUE, PAYLOAD));
    rejectedBeforeSql(
        "closed client read", IllegalStateException.class, () -> client.read(QUEUE, VT));
    rejectedBeforeSql(
        "closed client inTransaction",
        IllegalStateException.class,
        () -> client.inTransaction(p -> 1));
    rejectedBeforeSql("closed client async", IllegalStateException.class, () -> client.async());
    EntityManager closed = emf.createEntityManager();
    closed.close();
    rejectedBeforeSql(
        "closed entity manager send",
        IllegalStateException.class,
        () -> Pgmq.using(closed).send(QUEUE, PAYLOAD));
    rejectedBeforeSql(
        "closed entity manager outbox",
        IllegalStateException.class,
        () -> Outbox.of(closed).publish(new OrderPlaced(1, "x")));
  }

  @Test
  void operationsWithoutAnActiveTransactionAreRejectedBeforeAnySql() {
    List<String> before = sql.pgmqState();
    try (EntityManager em = emf.createEntityManager()) {
      Pgmq pgmq = Pgmq.using(em);
      for (Op op : QUEUE_OPERATIONS) {
        if (op.name().equals("validateQueueName")) {
          continue; // needs no transaction by contract
        }
        rejectedBeforeSql(
            op.name() + " without a transaction",
            NoActiveTransactionException.class,
            () -> op.call().accept(pgmq, QUEUE));
      }
      rejectedBeforeSql(
          "listQueues without a transaction", NoActiveTransactionException.class, pgmq::listQueues);
      rejectedBeforeSql(
          "outbox publish without a transaction",
          NoActiveTransactionException.class,
          () -> Outbox.of(em).publish(new OrderPlaced(1, "x")));
      em.getTransaction().begin();
      em.getTransaction().commit();
      rejectedBeforeSql(
          "send after the transaction committed",
          NoActiveTransactionException.class,
          () -> pgmq.send(QUEUE, PAYLOAD));
    }
    assertThat(sql.pgmqState()).isEqualTo(before);
  }

  // ------------------------------------------------------------------------------ helpers

  /** Runs {@code call}, expects {@code type} (or a cause of that type) and no SQL at all. */
  static void rejectedBeforeSql(
      String what, Class<? extends Throwable> type, ThrowingCallable call) {
    counter.reset();
    Throwable thrown = catchThrowable(call);
    ReliabilityFigures.increment(BAD_INPUTS);
    assertThat(thrown).as(what).isNotNull();
    assertThat(Causes.find(thrown, type)).as(what + ": " + thrown).isNotNull();
    assertThat(counter.inspected()).as(what + ": statements Hibernate prepared").isEmpty();
    assertThat(counter.executed()).as(what + ": statements executed").isEmpty();
  }

  static <R> R inTransaction(Function<Pgmq, R> work) {
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      R result = work.apply(Pgmq.using(em));
      em.getTransaction().commit();
      return result;
    }
  }

  static void useTransaction(Consumer<Pgmq> work) {
    inTransaction(
        p -> {
          work.accept(p);
          return null;
        });
  }
}
