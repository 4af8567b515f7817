package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class ConsumerSettingsValidationIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 2);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  private static void rejected(UnaryOperator<PgmqConsumerBuilder> settings, String property) {
    PgmqConsumerBuilder builder =
        PgmqConsumer.builder(emf).queue("orders").handler(JsonNode.class, (p, c) -> {});
    assertThatThrownBy(() -> settings.apply(builder).build())
        .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
        .hasMessageContaining(property);
  }

  @Test
  void invalidSettingsAreRejectedNamingTheSetting() {
    rejected(b -> b.queue(null), "queue");
    rejected(b -> b.deadLetterQueue("orders"), "deadLetterQueue");
    rejected(b -> b.visibilityTimeout(Duration.ofMillis(1500)), "visibilityTimeout");
    rejected(b -> b.visibilityTimeout(Duration.ZERO), "visibilityTimeout");
    rejected(b -> b.batchSize(0), "batchSize");
    rejected(b -> b.concurrency(0), "concurrency");
    rejected(b -> b.maxPoll(Duration.ofMillis(500)), "maxPoll");
    rejected(b -> b.pollInterval(Duration.ofSeconds(6)), "pollInterval");
    rejected(b -> b.maxAttempts(0), "maxAttempts");
    rejected(b -> b.shutdownTimeout(Duration.ofSeconds(-1)), "shutdownTimeout");
    rejected(b -> b.expectedHandlerTime(Duration.ZERO), "expectedHandlerTime");
  }

  @Test
  void invalidQueueNamesAreRejectedAsEveryOperationRejectsThem() {
    PgmqConsumerBuilder builder = PgmqConsumer.builder(emf).handler(JsonNode.class, (p, c) -> {});
    assertThatThrownBy(() -> builder.queue("Bad Queue").build())
        .isInstanceOf(InvalidQueueNameException.class)
        .hasMessageContaining("'Bad Queue' must be lower case");
    assertThatThrownBy(() -> builder.queue("orders").deadLetterQueue("orders-dlq").build())
        .isInstanceOf(InvalidQueueNameException.class)
        .hasMessageStartingWith("deadLetterQueue: ");
    assertThatThrownBy(() -> builder.queue("q".repeat(45)).deadLetterQueue(null).build())
        .as("the default dead-letter queue name <queue>_dlq is too long")
        .isInstanceOf(InvalidQueueNameException.class)
        .hasMessageStartingWith("deadLetterQueue: ");
  }

  @Test
  void visibilityTimeoutMustCoverABatchUnlessItIsExtended() {
    rejected(
        b -> b.visibilityTimeout(Duration.ofSeconds(5)).batchSize(10), "visibilityTimeout (PT5S)");
    PgmqConsumer.builder(emf)
        .queue("orders")
        .handler(JsonNode.class, (p, c) -> {})
        .visibilityTimeout(Duration.ofSeconds(5))
        .batchSize(10)
        .extendVisibility(true)
        .build();
  }

  @Test
  void aConsumerNeedsAHandler() {
    assertThatThrownBy(() -> PgmqConsumer.builder(emf).queue("orders").build())
        .hasMessageContaining("handler");
  }

  @Test
  void startFailsFastWhenTheQueueDoesNotExist() {
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf).queue("missing").handler(JsonNode.class, (p, c) -> {}).build();
    assertThatThrownBy(consumer::start).isInstanceOf(QueueNotFoundException.class);
  }
}
