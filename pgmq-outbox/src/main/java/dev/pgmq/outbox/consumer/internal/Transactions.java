package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.jpa.PgmqException;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;

/** Runs work through a {@link TransactionRunner}, turning checked exceptions unchecked. */
final class Transactions {

  private Transactions() {}

  /** The work's result; runtime exceptions as thrown, checked ones wrapped. */
  static <R> R call(TransactionRunner runner, TransactionRunner.Work<R> work) {
    try {
      return runner.inTransaction(work);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new PgmqException("transaction failed: " + e.getMessage(), e);
    }
  }
}
