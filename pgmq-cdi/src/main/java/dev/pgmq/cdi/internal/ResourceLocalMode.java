package dev.pgmq.cdi.internal;

import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import dev.pgmq.outbox.consumer.spi.TransactionRunner.Work;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.util.function.Supplier;

/** Resource-local transactions: {@code EntityManager.getTransaction()} of the context's bean. */
final class ResourceLocalMode implements TransactionMode {

  @Override
  public <R> R run(Supplier<EntityManager> entityManager, Work<R> work) throws Exception {
    EntityManager em = entityManager.get();
    EntityTransaction tx = em.getTransaction();
    if (tx.isActive()) {
      throw new IllegalStateException(
          "the EntityManager bean already has an active transaction; a listener needs a new one:"
              + " give it a request-scoped (or dependent) EntityManager");
    }
    return TransactionRunner.inResourceLocalTransaction(em, work);
  }

  @Override
  public String describe() {
    return "resource-local";
  }
}
