package dev.pgmq.jpa.entitymanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad arguments raise a typed exception before any statement reaches the database. */
@PgmqDatabaseTest
class InvalidInputRunsNoSqlIT {

  static final Duration VT = Duration.ofSeconds(30);
  static RecordingInspector inspector = new RecordingInspector();
  static EntityManagerFactory emf;
  EntityManager em;
  Pgmq pgmq;

  @BeforeAll
  static void start(TestDatabase db) {
    emf = Factories.create(db, inspector);
  }

  @AfterAll
  static void stop() {
    emf.close();
  }

  @BeforeEach
  void begin() {
    em = emf.createEntityManager();
    em.getTransaction().begin();
    pgmq = Pgmq.using(em);
  }

  @AfterEach
  void end() {
    em.getTransaction().rollback();
    em.close();
  }

  void rejectsWithoutSql(Class<? extends Throwable> type, ThrowingCallable call) {
    int mark = inspector.statements.size();
    assertThatThrownBy(call).isInstanceOf(type);
    assertThat(inspector.since(mark)).as("statements run").isEmpty();
  }

  @Test
  void invalidQueueNamesRunNoSql() {
    for (String bad :
        List.of("", "Orders", "a b", "a;drop table x", "a'b", "a--b", "a$b", "ü", "q".repeat(48))) {
      rejectsWithoutSql(InvalidQueueNameException.class, () -> pgmq.createQueue(bad));
      rejectsWithoutSql(InvalidQueueNameException.class, () -> pgmq.send(bad, 1));
      rejectsWithoutSql(InvalidQueueNameException.class, () -> pgmq.read(bad, VT));
      rejectsWithoutSql(InvalidQueueNameException.class, () -> pgmq.dropQueue(bad));
      rejectsWithoutSql(InvalidQueueNameException.class, () -> pgmq.metrics(bad));
      rejectsWithoutSql(InvalidQueueNameException.class, () -> pgmq.bindTopic("a.*", bad));
      rejectsWithoutSql(
          InvalidQueueNameException.class,
          () ->
              pgmq.readBatch(
                  bad, ReadOptions.of(VT, 1).withFifo(FifoMode.HEADS_ONLY), Object.class));
      rejectsWithoutSql(InvalidQueueNameException.class, () -> pgmq.validateQueueName(bad));
    }
    rejectsWithoutSql(NullPointerException.class, () -> pgmq.send(null, 1));
  }

  @Test
  void unrepresentableDurationsRunNoSql() {
    rejectsWithoutSql(IllegalArgumentException.class, () -> pgmq.read("q", Duration.ofMillis(10)));
    rejectsWithoutSql(IllegalArgumentException.class, () -> pgmq.read("q", Duration.ofSeconds(-1)));
    rejectsWithoutSql(
        IllegalArgumentException.class,
        () -> pgmq.send("q", 1, Duration.ofSeconds(Integer.MAX_VALUE + 1L)));
    rejectsWithoutSql(
        IllegalArgumentException.class,
        () -> pgmq.readWithPoll("q", VT, 1, Duration.ofMillis(500), Duration.ofMillis(100)));
    rejectsWithoutSql(
        IllegalArgumentException.class,
        () -> pgmq.readWithPoll("q", VT, 1, Duration.ofSeconds(1), Duration.ZERO));
    rejectsWithoutSql(
        IllegalArgumentException.class,
        () ->
            pgmq.readBatch(
                "q",
                ReadOptions.of(VT, 1)
                    .withPoll(Duration.ofSeconds(1), Duration.ZERO)
                    .withFifo(FifoMode.OLDEST_GROUP_FIRST),
                Map.class));
    rejectsWithoutSql(
        IllegalArgumentException.class, () -> pgmq.enableNotifyInsert("q", Duration.ofMillis(-1)));
    rejectsWithoutSql(
        IllegalArgumentException.class, () -> pgmq.setVt("q", 1L, Duration.ofNanos(1)));
    rejectsWithoutSql(NullPointerException.class, () -> pgmq.setVt("q", 1L, (Instant) null));
  }

  @Test
  void badQuantitiesBatchesAndIntervalsRunNoSql() {
    rejectsWithoutSql(IllegalArgumentException.class, () -> pgmq.readBatch("q", VT, 0));
    rejectsWithoutSql(IllegalArgumentException.class, () -> pgmq.pop("q", -1, Object.class));
    rejectsWithoutSql(IllegalArgumentException.class, () -> pgmq.sendBatch("q", List.of()));
    rejectsWithoutSql(
        NullPointerException.class, () -> pgmq.sendBatch("q", Arrays.asList(1, null)));
    rejectsWithoutSql(
        IllegalArgumentException.class,
        () -> pgmq.sendBatch("q", List.of(1, 2), List.of(Map.of("h", 1)), SendOptions.NONE));
    rejectsWithoutSql(
        NullPointerException.class, () -> pgmq.deleteBatch("q", Arrays.asList(1L, null)));
    rejectsWithoutSql(
        NullPointerException.class, () -> pgmq.archiveBatch("q", Arrays.asList(null, 2L)));
    rejectsWithoutSql(
        NullPointerException.class, () -> pgmq.setVt("q", Arrays.asList(1L, null), Duration.ZERO));
    rejectsWithoutSql(
        IllegalArgumentException.class, () -> pgmq.createPartitionedQueue("q", "1 day", "100"));
    rejectsWithoutSql(
        IllegalArgumentException.class, () -> pgmq.createPartitionedQueue("q", "1 day'", "1 day"));
    rejectsWithoutSql(IllegalArgumentException.class, () -> pgmq.sendBatchTopic("a.b", List.of()));
  }

  @Test
  void payloadsThatCannotBeWrittenRunNoSql() {
    rejectsWithoutSql(PgmqSerializationException.class, () -> pgmq.send("q", new Object()));
    rejectsWithoutSql(
        PgmqSerializationException.class, () -> pgmq.sendBatch("q", List.of(1, new Object())));
    rejectsWithoutSql(
        PgmqSerializationException.class,
        () -> pgmq.readBatch("q", ReadOptions.of(VT, 1).withFilter(new Object()), Object.class));
    rejectsWithoutSql(NullPointerException.class, () -> pgmq.send("q", null));
  }
}
