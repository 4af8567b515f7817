package dev.pgmq.jpa.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.jpa.TopicBinding;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What newer PGMQ offers beyond the seed (FIFO grouped reads, topics, insert notifications,
 * partitioned queues), on top of {@link CoreOperationsContract}; run once per setup.
 */
abstract class PgmqContract extends ExactNumbersContract {

  private long sendTo(String queue, String group, int n) {
    return pgmq().send(queue, Map.of("n", n), SendOptions.of(Map.of(Pgmq.GROUP_HEADER, group)));
  }

  // ---------------------------------------------------------------- FIFO

  @Test
  void groupedReadFillsTheBatchFromTheOldestGroupAndBlocksGroupsInFlight() {
    String queue = newQueue();
    long a1 = sendTo(queue, "a", 1);
    long b1 = sendTo(queue, "b", 1);
    long a2 = sendTo(queue, "a", 2);
    sendTo(queue, "b", 2);

    List<Message<JsonNode>> first =
        pgmq()
            .readBatch(
                queue, ReadOptions.of(VT, 3).withFifo(FifoMode.OLDEST_GROUP_FIRST), JsonNode.class);

    assertThat(first).extracting(Message::msgId).containsExactlyInAnyOrder(a1, a2, b1);
    assertThat(
            pgmq()
                .readBatch(
                    queue,
                    ReadOptions.of(VT, 3).withFifo(FifoMode.OLDEST_GROUP_FIRST),
                    JsonNode.class))
        .isEmpty();
  }

  @Test
  void roundRobinGroupedReadTakesFromEveryGroup() {
    String queue = newQueue();
    long a1 = sendTo(queue, "a", 1);
    sendTo(queue, "a", 2);
    sendTo(queue, "a", 3);
    long b1 = sendTo(queue, "b", 1);

    List<Message<JsonNode>> got =
        pgmq()
            .readBatch(queue, ReadOptions.of(VT, 2).withFifo(FifoMode.ROUND_ROBIN), JsonNode.class);

    assertThat(got).extracting(Message::msgId).containsExactlyInAnyOrder(a1, b1);
  }

  @Test
  void headGroupedReadReturnsOneMessagePerGroup() {
    String queue = newQueue();
    long a1 = sendTo(queue, "a", 1);
    sendTo(queue, "a", 2);
    long b1 = sendTo(queue, "b", 1);

    List<Message<JsonNode>> heads =
        pgmq()
            .readBatch(queue, ReadOptions.of(VT, 10).withFifo(FifoMode.HEADS_ONLY), JsonNode.class);

    assertThat(heads).extracting(Message::msgId).containsExactlyInAnyOrder(a1, b1);
    assertThat(heads.get(0).header(Pgmq.GROUP_HEADER)).isIn("a", "b");
    assertThat(
            pgmq()
                .readBatch(
                    queue, ReadOptions.of(VT, 10).withFifo(FifoMode.HEADS_ONLY), JsonNode.class))
        .isEmpty();
  }

  @Test
  void groupedReadsWithPollWaitWhenEmptyAndReturnWhatIsThere() {
    String queue = newQueue();
    long start = System.nanoTime();
    assertThat(
            pgmq()
                .readBatch(
                    queue,
                    ReadOptions.of(VT, 5)
                        .withPoll(Duration.ofSeconds(1), Duration.ofMillis(50))
                        .withFifo(FifoMode.OLDEST_GROUP_FIRST),
                    JsonNode.class))
        .isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
    long a1 = sendTo(queue, "a", 1);
    long b1 = sendTo(queue, "b", 1);
    long a2 = sendTo(queue, "a", 2);
    assertThat(
            pgmq()
                .readBatch(
                    queue,
                    ReadOptions.of(VT, 5)
                        .withPoll(Duration.ofSeconds(1), Duration.ofMillis(50))
                        .withFifo(FifoMode.HEADS_ONLY),
                    JsonNode.class))
        .extracting(Message::msgId)
        .containsExactlyInAnyOrder(a1, b1);
    pgmq().setVt(queue, List.of(a1, b1), Duration.ZERO);
    assertThat(
            pgmq()
                .readBatch(
                    queue,
                    ReadOptions.of(VT, 5)
                        .withPoll(Duration.ofSeconds(1), Duration.ofMillis(50))
                        .withFifo(FifoMode.ROUND_ROBIN),
                    JsonNode.class))
        .extracting(Message::msgId)
        .containsExactlyInAnyOrder(a1, b1, a2);
  }

  // ---------------------------------------------------------------- topics

  @Test
  void topicSendsReachEveryQueueWithAMatchingBinding() {
    String one = newQueue();
    String all = newQueue();
    String key = db.uniqueName("orders");
    pgmq().bindTopic(key + ".*", one);
    pgmq().bindTopic(key + ".#", all);

    assertThat(pgmq().sendTopic(key + ".created", Map.of("id", 1))).isEqualTo(2);
    assertThat(
            pgmq()
                .sendTopic(
                    key + ".eu.created",
                    Map.of("id", 2),
                    new SendOptions(Map.of("h", 1), Duration.ZERO, null)))
        .isEqualTo(1);

    assertThat(pgmq().readBatch(one, VT, 10)).hasSize(1);
    List<Message<JsonNode>> inAll = pgmq().readBatch(all, VT, 10);
    assertThat(inAll).hasSize(2);
    assertThat(inAll.get(1).header("h")).isEqualTo("1");

    List<RoutedMessage> routed = pgmq().sendBatchTopic(key + ".paid", List.of(1, 2));
    assertThat(routed).hasSize(4);
    assertThat(routed).extracting(RoutedMessage::queueName).containsOnly(one, all);
    assertThat(
            pgmq()
                .sendBatchTopic(
                    key + ".x.y",
                    List.of(3),
                    List.of(Map.of("k", "v")),
                    SendOptions.after(Duration.ofSeconds(1))))
        .extracting(RoutedMessage::queueName)
        .containsExactly(all);
  }

  @Test
  void topicBindingsAreListedTestedAndRemoved() {
    String queue = newQueue();
    String key = db.uniqueName("audit");
    pgmq().bindTopic(key + ".*", queue);

    List<TopicBinding> ofQueue = pgmq().listTopicBindings(queue);
    assertThat(ofQueue).extracting(TopicBinding::pattern).containsExactly(key + ".*");
    assertThat(ofQueue.get(0).boundAt()).isNotNull();
    assertThat(ofQueue.get(0).compiledRegex()).isNotBlank();
    assertThat(pgmq().listTopicBindings()).extracting(TopicBinding::queueName).contains(queue);
    assertThat(pgmq().testRouting(key + ".login"))
        .extracting(TopicBinding::queueName)
        .containsExactly(queue);
    assertThat(pgmq().testRouting(key + ".a.b")).isEmpty();

    assertThat(pgmq().unbindTopic(key + ".*", queue)).isTrue();
    assertThat(pgmq().unbindTopic(key + ".*", queue)).isFalse();
    assertThat(pgmq().sendTopic(key + ".login", 1)).isZero();
  }

  @Test
  void newerOperationsOnAMissingQueueRaiseQueueNotFound() {
    String missing = db.uniqueName("missing");
    assertThatThrownBy(() -> pgmq().bindTopic("x.*", missing))
        .isInstanceOf(QueueNotFoundException.class);
    assertThatThrownBy(() -> pgmq().enableNotifyInsert(missing))
        .isInstanceOf(QueueNotFoundException.class);
    assertThatThrownBy(
            () ->
                pgmq()
                    .readBatch(
                        missing,
                        ReadOptions.of(VT, 1).withFifo(FifoMode.OLDEST_GROUP_FIRST),
                        JsonNode.class))
        .isInstanceOf(QueueNotFoundException.class);
    assertThatThrownBy(() -> pgmq().sendBatch(missing, List.of(1)))
        .isInstanceOf(QueueNotFoundException.class);
  }

  // ---------------------------------------------------------------- notifications

  @Test
  void enabledInsertNotificationsFireOnSendAndStopWhenDisabled() throws Exception {
    String queue = newQueue();
    pgmq().enableNotifyInsert(queue, Duration.ZERO);
    try (Connection listener = db.connect();
        Statement s = listener.createStatement()) {
      s.execute("listen \"pgmq.q_" + queue + ".INSERT\"");
      pgmq().send(queue, 1);
      List<PGNotification> got = new ArrayList<>();
      await()
          .atMost(AT_MOST)
          .until(
              () -> {
                PGNotification[] n = listener.unwrap(PGConnection.class).getNotifications(200);
                if (n != null) {
                  got.addAll(List.of(n));
                }
                return !got.isEmpty();
              });
      assertThat(got.get(0).getName()).isEqualTo("pgmq.q_" + queue + ".INSERT");

      pgmq().disableNotifyInsert(queue);
      pgmq().send(queue, 2);
      PGNotification[] after = listener.unwrap(PGConnection.class).getNotifications(1000);
      assertThat(after == null ? 0 : after.length).isZero();
    }
  }

  // ---------------------------------------------------------------- partitioned

  @Test
  void partitionedQueueIsCreatedWithPgPartmanAndWorksLikeAnyOther() {
    db.assumePartman();
    String queue = db.uniqueName("part");
    pgmq().createPartitionedQueue(queue, "10", "100");

    assertThat(pgmq().listQueues())
        .filteredOn(q -> q.queueName().equals(queue))
        .extracting(QueueInfo::isPartitioned)
        .containsExactly(true);
    long id = pgmq().send(queue, Map.of("k", 1));
    assertThat(pgmq().read(queue, VT)).map(Message::msgId).contains(id);
    assertThat(pgmq().metrics(queue).defaultPartitionLength()).isNotNull();
    assertThat(pgmq().dropQueue(queue)).isTrue();
  }
}
