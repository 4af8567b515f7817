package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.inTransaction;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.OutboxEvent;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Numbers reach handlers, listeners, the dead-letter queue, replayed messages and the outbox's
 * queue rows exactly as sent, with the default configuration; a typed handler's payload is decoded
 * once, from the JSON text.
 */
@PgmqDatabaseTest
class ExactDecimalsIT {

  static final BigDecimal AMOUNT = new BigDecimal("12345678901234567.89");
  static final BigDecimal PRICE = new BigDecimal("99.90");
  static final BigDecimal TOTAL = new BigDecimal("42.00");

  /** Far more digits than a {@code double} holds (about 17). */
  static final String PI_60 = "3.14159265358979323846264338327950288419716939937510582097494459";

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 4);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  record Priced(String item, BigDecimal total) {}

  record Pi(BigDecimal pi) {}

  @OutboxEvent(queue = "exact_outbox", type = "order.priced")
  record OrderPriced(String orderId, BigDecimal total, BigDecimal amount) {}

  @Test
  void handlersAndListenersReceiveDecimalsExactly(TestDatabase db) throws SQLException {
    String queue = db.uniqueName("exact_handlers");
    createQueue(emf, queue);
    List<Object> handled = new CopyOnWriteArrayList<>();
    List<JsonNode> contextTrees = new CopyOnWriteArrayList<>();
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .on("priced", Priced.class, (p, ctx) -> handled.add(p))
            .on("pi", Pi.class, (p, ctx) -> handled.add(p))
            .on(
                "map",
                Map.class,
                (m, ctx) -> {
                  handled.add(m);
                  contextTrees.add(ctx.message().message());
                })
            .handler(JsonNode.class, (json, ctx) -> handled.add(json))
            .listener(recorder)
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .build()) {
      consumer.start();
      pgmq(emf, p -> p.send(queue, new Priced("book", TOTAL), SendOptions.of(type("priced"))));
      pgmq(
          emf,
          p ->
              p.send(queue, Map.of("amount", AMOUNT, "price", PRICE), SendOptions.of(type("map"))));
      sendJsonText(db, queue, "{\"pi\": " + PI_60 + "}", "{\"x-event-type\": \"pi\"}");
      sendJsonText(db, queue, "{\"pi\": " + PI_60 + "}", null);
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.processed.size() == 4);
    }

    assertThat(handled)
        .hasSize(4)
        .contains(
            new Priced("book", TOTAL),
            Map.of("amount", AMOUNT, "price", PRICE),
            new Pi(new BigDecimal(PI_60)));
    JsonNode raw = (JsonNode) handled.stream().filter(JsonNode.class::isInstance).findFirst().get();
    assertThat(raw.get("pi").decimalValue()).isEqualTo(new BigDecimal(PI_60));
    assertThat(contextTrees.get(0).get("amount").decimalValue()).isEqualTo(AMOUNT);
    assertThat(contextTrees.get(0).get("price").decimalValue()).isEqualTo(PRICE);
    assertThat(recorder.received)
        .as("listeners see the payload exactly too")
        .anySatisfy(m -> assertThat(m.message().path("price").toString()).isEqualTo("99.90"))
        .anySatisfy(m -> assertThat(m.message().path("total").toString()).isEqualTo("42.00"));
  }

  @Test
  void deadLetteringAndReplayKeepTheStoredPayloadExactly(TestDatabase db) throws SQLException {
    String queue = db.uniqueName("exact_dlq");
    createQueue(emf, queue);
    pgmq(
        emf,
        p ->
            p.send(
                queue,
                Map.of("amount", AMOUNT, "price", PRICE),
                SendOptions.of(Map.of("rate", new BigDecimal("0.10")))));
    sendJsonText(db, queue, "{\"pi\": " + PI_60 + ", \"total\": 42.00}", null);
    List<String> sent = texts(db, "select message::text from pgmq.q_" + queue + " order by msg_id");
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (json, ctx) -> {
                  throw new NonRetryableException("refused");
                })
            .listener(recorder)
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .build()) {
      consumer.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.deadLettered.size() == 2);
      consumer.stop(Duration.ofSeconds(5));

      String dlq = queue + "_dlq";
      assertThat(texts(db, "select message::text from pgmq.q_" + dlq + " order by msg_id"))
          .as("dead-lettered payloads, as stored")
          .isEqualTo(sent);
      assertThat(texts(db, "select headers->>'rate' from pgmq.q_" + dlq + " order by msg_id"))
          .startsWith("0.10");

      assertThat(consumer.replayDeadLetters(10)).isEqualTo(2);
    }
    assertThat(texts(db, "select message::text from pgmq.q_" + queue + " order by msg_id"))
        .as("replayed payloads, as stored")
        .isEqualTo(sent);
    assertThat(texts(db, "select headers->>'rate' from pgmq.q_" + queue + " order by msg_id"))
        .startsWith("0.10");
  }

  @Test
  void outboxEventsAreStoredWithExactDecimals(TestDatabase db) throws SQLException {
    createQueue(emf, "exact_outbox");
    inTransaction(
        emf,
        em -> {
          Outbox.of(em).publish(new OrderPriced("o-1", TOTAL, AMOUNT));
          return null;
        });

    List<String> stored =
        texts(db, "select message->>'total', message->>'amount' from pgmq.q_exact_outbox");

    assertThat(stored).containsExactly("42.00", AMOUNT.toPlainString());
  }

  @Test
  void typedHandlersDecodeTheJsonTextOnceWithoutBuildingATree(TestDatabase db) {
    String queue = db.uniqueName("exact_once");
    createQueue(emf, queue);
    AtomicInteger trees = new AtomicInteger();
    ObjectMapper mapper = PgmqConfig.newObjectMapper();
    mapper.setNodeFactory(
        new JsonNodeFactory(false) {
          @Override
          public ObjectNode objectNode() {
            trees.incrementAndGet();
            return super.objectNode();
          }
        });
    List<Priced> handled = new CopyOnWriteArrayList<>();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .config(PgmqConfig.builder().objectMapper(mapper).build())
            .handler(Priced.class, (p, ctx) -> handled.add(p))
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .build()) {
      consumer.start();
      pgmq(emf, p -> p.sendBatch(queue, List.of(new Priced("a", TOTAL), new Priced("b", PRICE))));
      await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 2);
    }

    assertThat(handled).containsExactly(new Priced("a", TOTAL), new Priced("b", PRICE));
    assertThat(trees.get()).as("JSON trees built on the way to a typed handler").isZero();
  }

  private static Map<String, String> type(String eventType) {
    return Map.of(EnvelopeHeaders.EVENT_TYPE, eventType);
  }

  private static void sendJsonText(TestDatabase db, String queue, String json, String headers)
      throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("select pgmq.send(?, ?::jsonb, ?::jsonb)")) {
      ps.setString(1, queue);
      ps.setString(2, json);
      ps.setString(3, headers);
      ps.executeQuery().close();
    }
  }

  /** Every column of every row of {@code sql}, as text. */
  private static List<String> texts(TestDatabase db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          out.add(rs.getString(i));
        }
      }
    }
    return out;
  }
}
