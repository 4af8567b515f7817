package dev.pgmq.outbox;

import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * Publishes events that belong to no entity, in the caller's transaction: the event is sent at the
 * next flush of the {@code EntityManager} (at the latest just before commit), on its connection, so
 * it commits or rolls back with everything else the transaction does.
 *
 * <pre>{@code
 * em.getTransaction().begin();
 * Outbox.of(em).publish(new PaymentRequested(orderId, amount));
 * em.getTransaction().commit();   // the message is in its queue now, or nowhere
 * }</pre>
 *
 * <p>Requires a Hibernate {@code EntityManager} whose persistence unit has the outbox enabled (the
 * default when {@code pgmq-outbox} is on the classpath). Not thread-safe: use it on the thread that
 * owns the {@code EntityManager}. Obtaining one is cheap.
 */
public interface Outbox {

  /**
   * The outbox of {@code entityManager}.
   *
   * @throws OutboxException when the entity manager is not Hibernate's or its persistence unit has
   *     the outbox disabled
   */
  static Outbox of(EntityManager entityManager) {
    return dev.pgmq.outbox.internal.OutboxLookup.of(entityManager);
  }

  /**
   * Publishes {@code event} in the active transaction, routed like any event (see {@link
   * OutboxEvent}).
   *
   * @throws dev.pgmq.jpa.NoActiveTransactionException when no transaction is active
   */
  void publish(Object event);

  /**
   * Publishes {@code event} with extra headers, written over the envelope's: a caller may set, for
   * example, {@link EnvelopeHeaders#GROUP} for FIFO ordering, or {@link EnvelopeHeaders#EVENT_ID}
   * (a UUID) to make a retried transaction publish the same event id (see deduplication).
   *
   * @throws dev.pgmq.jpa.NoActiveTransactionException when no transaction is active
   * @throws IllegalArgumentException when {@link EnvelopeHeaders#EVENT_ID} is not a UUID
   */
  void publish(Object event, Map<String, ?> headers);
}
