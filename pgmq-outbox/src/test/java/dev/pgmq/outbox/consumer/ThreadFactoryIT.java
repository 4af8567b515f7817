package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A consumer takes every thread it runs from the thread factory it is given. */
@PgmqDatabaseTest
class ThreadFactoryIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 6);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  /** Creates threads in a group of its own and remembers them. */
  private static final class RecordingFactory implements ThreadFactory {
    final ThreadGroup group = new ThreadGroup("container");
    final Set<Thread> created = ConcurrentHashMap.newKeySet();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(group, r);
      t.setDaemon(true);
      created.add(t);
      return t;
    }
  }

  @Test
  void workersListenerAndVisibilityExtensionRunOnThreadsOfTheGivenFactory(TestDatabase db) {
    String queue = db.uniqueName("threads");
    createQueue(emf, queue);
    RecordingFactory factory = new RecordingFactory();
    Set<Thread> handlerThreads = ConcurrentHashMap.newKeySet();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .concurrency(2)
            .pollStrategy(PollStrategy.LISTEN)
            .extendVisibility(true)
            .visibilityTimeout(Duration.ofSeconds(2))
            .shutdownTimeout(Duration.ofSeconds(5))
            .threadFactory(factory)
            .handler(
                JsonNode.class, (payload, context) -> handlerThreads.add(Thread.currentThread()))
            .build()) {
      consumer.start();
      pgmq(emf, p -> p.sendBatch(queue, List.of(Map.of("n", 1), Map.of("n", 2))));

      await().atMost(Duration.ofSeconds(20)).until(() -> handlerThreads.size() >= 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> ConsumerTests.queueLength(db, queue) == 0);
      assertThat(factory.created).containsAll(handlerThreads);
      assertThat(factory.created)
          .extracting(Thread::getName)
          .contains(
              "pgmq-consumer-" + queue + "-0",
              "pgmq-consumer-" + queue + "-1",
              "pgmq-listen-" + queue,
              "pgmq-extend-vt-" + queue);
    }
  }
}
