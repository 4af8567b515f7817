package dev.pgmq.spring.internal;

import dev.pgmq.jpa.NoActiveTransactionException;
import dev.pgmq.outbox.Outbox;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code Outbox} bean: each call publishes through the {@code EntityManager} of the current
 * Spring transaction (Spring's shared {@code EntityManager}). Thread-safe.
 */
public final class SharedOutbox implements Outbox {

  private final EntityManager sharedEntityManager;

  /** Over Spring's shared, transaction-bound {@code EntityManager}. */
  public SharedOutbox(EntityManager sharedEntityManager) {
    this.sharedEntityManager = Objects.requireNonNull(sharedEntityManager, "sharedEntityManager");
  }

  @Override
  public void publish(Object event) {
    current().publish(event);
  }

  @Override
  public void publish(Object event, Map<String, ?> headers) {
    current().publish(event, headers);
  }

  private Outbox current() {
    if (!sharedEntityManager.isJoinedToTransaction()) {
      throw new NoActiveTransactionException(
          "Outbox.publish runs inside the caller's transaction and there is none on this thread:"
              + " call it from a @Transactional method (or a TransactionTemplate)");
    }
    return Outbox.of(sharedEntityManager);
  }
}
