package dev.pgmq.jpa.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqQueue;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.jpa.contract.OrderPlaced;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pgmq.queue(name, type)}: one queue and its payload type, on every entry point. */
@PgmqDatabaseTest
class TypedQueueIT {

  static final Duration VT = Duration.ofSeconds(30);
  static EntityManagerFactory emf;
  static PgmqClient urlClient;

  @BeforeAll
  static void start(TestDatabase db) {
    emf =
        new TestPersistenceUnit("typed-queue")
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(2)
            .createEntityManagerFactory();
    urlClient = PgmqClient.create(db.jdbcUrlWithCredentials());
  }

  @AfterAll
  static void stop() {
    urlClient.close();
    emf.close();
  }

  @Test
  void aClientQueueSendsReadsAndAcknowledgesTypedPayloads(TestDatabase db) {
    String name = db.uniqueName("typed");
    urlClient.createQueue(name);
    PgmqQueue<OrderPlaced> orders = urlClient.queue(name, OrderPlaced.class);

    long first = orders.send(new OrderPlaced(1, "book"));
    List<Long> more =
        orders.sendBatch(List.of(new OrderPlaced(2, "pen"), new OrderPlaced(3, "ink")));
    long withHeaders =
        orders.send(new OrderPlaced(4, "cup"), SendOptions.of(Map.of("tenant", "a")));

    assertThat(orders.name()).isEqualTo(name);
    assertThat(orders.metrics().queueLength()).isEqualTo(4);
    Message<OrderPlaced> m = orders.read(VT).orElseThrow();
    assertThat(m.msgId()).isEqualTo(first);
    assertThat(m.message()).isEqualTo(new OrderPlaced(1, "book"));
    assertThat(orders.readBatch(VT, 10))
        .extracting(Message::msgId)
        .containsExactly(more.get(0), more.get(1), withHeaders);
    assertThat(orders.setVt(first, Duration.ZERO)).isTrue();
    assertThat(orders.pop().orElseThrow().msgId()).isEqualTo(first);
    assertThat(orders.delete(more.get(0))).isTrue();
    assertThat(orders.archive(more.get(1))).isTrue();
    assertThat(orders.deleteBatch(List.of(withHeaders, 999_999L))).containsExactly(withHeaders);
    assertThat(orders.archiveBatch(List.of(first))).isEmpty();
    assertThat(orders.setVt(first, Duration.ZERO)).isFalse();
    assertThat(orders.metrics().queueLength()).isZero();
  }

  @Test
  void aQueueOfEntityManagerOperationsJoinsTheCallersTransaction(TestDatabase db) {
    String name = db.uniqueName("typed_tx");
    inTransaction(em -> Pgmq.using(em).createQueue(name));

    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    Pgmq.using(em).queue(name, OrderPlaced.class).send(new OrderPlaced(9, "lost"));
    em.getTransaction().rollback();
    em.close();
    inTransaction(
        e -> Pgmq.using(e).queue(name, OrderPlaced.class).send(new OrderPlaced(10, "kept")));

    List<Message<OrderPlaced>> read =
        urlClient.queue(name, OrderPlaced.class).readBatch(ReadOptions.of(VT, 10));
    assertThat(read).extracting(Message::message).containsExactly(new OrderPlaced(10, "kept"));
  }

  @Test
  void aQueueOfAGenericTypeReadsWithEveryOption(TestDatabase db) {
    String name = db.uniqueName("typed_generic");
    PgmqClient client = PgmqClient.create(emf);
    client.createQueue(name);
    PgmqQueue<List<Integer>> lists = client.queue(name, new TypeReference<List<Integer>>() {});
    lists.send(List.of(1, 2), SendOptions.of(Map.of(Pgmq.GROUP_HEADER, "g")));
    lists.send(List.of(3), SendOptions.of(Map.of(Pgmq.GROUP_HEADER, "g")));

    List<Message<List<Integer>>> heads =
        lists.readBatch(
            ReadOptions.of(VT, 5)
                .withPoll(Duration.ofSeconds(1), Duration.ofMillis(50))
                .withFifo(FifoMode.HEADS_ONLY));

    assertThat(heads).extracting(Message::message).containsExactly(List.of(1, 2));
  }

  @Test
  void anInvalidNameFailsWhenTheHandleIsMadeAndRunsNoSql() {
    assertThatThrownBy(() -> urlClient.queue("Orders", OrderPlaced.class))
        .isInstanceOf(InvalidQueueNameException.class);
  }

  @Test
  void theSeedDefaultsReadWithAThirtySecondTimeoutAndPollForOneMessage(TestDatabase db) {
    String name = db.uniqueName("defaults");
    urlClient.createQueue(name);
    urlClient.sendBatch(name, List.of(1, 2));

    Message<?> read = urlClient.read(name).orElseThrow();
    Duration hidden = Duration.between(Instant.now(), read.vt());
    assertThat(hidden).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));
    assertThat(urlClient.readWithPoll(name, VT)).hasSize(1);

    long start = System.nanoTime();
    assertThat(urlClient.readWithPoll(name, VT)).isEmpty();
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(waited).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
  }

  private static void inTransaction(Consumer<EntityManager> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }
}
