package dev.pgmq.cdi.internal;

import dev.pgmq.outbox.consumer.spi.TransactionRunner.Work;
import jakarta.persistence.EntityManager;
import java.util.function.Supplier;

/** How a listener's transactions are demarcated: resource-local or JTA. Thread-safe. */
interface TransactionMode {

  /**
   * Runs {@code work} in a new transaction on the {@code EntityManager} {@code entityManager}
   * supplies, committing on return and rolling back (then rethrowing unchanged) on failure.
   */
  <R> R run(Supplier<EntityManager> entityManager, Work<R> work) throws Exception;

  /** A name for messages: {@code "JTA"} or {@code "resource-local"}. */
  String describe();
}
