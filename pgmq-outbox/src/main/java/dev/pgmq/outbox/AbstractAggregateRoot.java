package dev.pgmq.outbox;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Transient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A convenient base for entities that raise domain events: call {@link #registerEvent(Object)} from
 * business methods; the outbox sends the events at the next flush of the session that manages the
 * entity. The events are not persistent state. Not thread-safe, like the entity itself.
 *
 * <pre>{@code
 * @Entity
 * class Order extends AbstractAggregateRoot {
 *   void place() {
 *     status = PLACED;
 *     registerEvent(new OrderPlaced(id, total));
 *   }
 * }
 * }</pre>
 */
@MappedSuperclass
public abstract class AbstractAggregateRoot implements DomainEvents {

  @Transient private transient List<Object> domainEvents;

  /**
   * Registers {@code event} to be sent at the next flush.
   *
   * @return the event, for chaining
   */
  protected <T> T registerEvent(T event) {
    Objects.requireNonNull(event, "event");
    if (domainEvents == null) {
      domainEvents = new ArrayList<>(4);
    }
    domainEvents.add(event);
    return event;
  }

  @Override
  public Collection<Object> domainEvents() {
    return domainEvents == null ? List.of() : Collections.unmodifiableList(domainEvents);
  }

  @Override
  public void clearDomainEvents() {
    domainEvents = null;
  }
}
