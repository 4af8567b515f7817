package dev.pgmq.it.reliability;

import dev.pgmq.outbox.AbstractAggregateRoot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The aggregate of the reliability suite: a row whose commit must carry exactly one {@link
 * OrderPlaced} event. Ids are assigned by the test, so an event can be traced back to the
 * transaction that produced it; {@code reference} is unique, so a test can provoke a constraint
 * violation at flush.
 */
@Entity(name = "TrackedOrder")
@Table(name = "tracked_order")
public class TrackedOrder extends AbstractAggregateRoot {

  @Id private Long id;

  @Column(nullable = false, unique = true)
  private String reference;

  private String producer;

  protected TrackedOrder() {}

  public TrackedOrder(long id, String reference, String producer) {
    this.id = id;
    this.reference = reference;
    this.producer = producer;
  }

  public Long getId() {
    return id;
  }

  /** Raises the order's one event. */
  public OrderPlaced place() {
    return registerEvent(new OrderPlaced(id, producer));
  }
}
