package dev.pgmq.outbox.health;

import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import jakarta.persistence.EntityManagerFactory;

/**
 * Checks PGMQ and a set of queues in one call.
 *
 * <pre>{@code
 * PgmqHealth health = PgmqHealth.builder(entityManagerFactory)
 *     .consumer(ordersConsumer)                       // checks "orders", its dead-letter queue, and that it runs
 *     .queue("audit")                                 // a queue without a consumer here
 *     .thresholds(HealthThresholds.none().withMaxDeadLetters(0).withMaxOldestMessageAge(Duration.ofMinutes(5)))
 *     .build();
 * HealthReport report = health.check();               // report.status() == UP or DOWN, report.allProblems()
 * }</pre>
 *
 * <p><b>Transactions.</b> Each {@link #check()} reads in one new, read-only transaction of its own
 * (through the configured {@link TransactionRunner}); it never writes. A database that does not
 * answer gives a {@link HealthReport} with {@code databaseReachable == false}, not an exception.
 *
 * <p><b>Threads.</b> Thread-safe; immutable once built.
 */
public interface PgmqHealth {

  /** A builder checking through resource-local transactions on {@code entityManagerFactory}. */
  static PgmqHealthBuilder builder(EntityManagerFactory entityManagerFactory) {
    return new PgmqHealthBuilder(TransactionRunner.resourceLocal(entityManagerFactory));
  }

  /** A builder checking through {@code runner} (for JTA or container-managed transactions). */
  static PgmqHealthBuilder builder(TransactionRunner runner) {
    return new PgmqHealthBuilder(runner);
  }

  /** Checks now. Never throws for a database problem: the report says what failed. */
  HealthReport check();
}
