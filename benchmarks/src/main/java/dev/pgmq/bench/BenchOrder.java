package dev.pgmq.bench;

import dev.pgmq.outbox.AbstractAggregateRoot;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The entity of the outbox scenarios; raises {@code events} {@link BenchEvent}s when created. */
@Entity
@Table(name = "bench_order")
public class BenchOrder extends AbstractAggregateRoot {

  @Id private long id;
  private String customer;
  private long amountCents;

  /** For JPA. */
  protected BenchOrder() {}

  /** A new order raising {@code events} events (0 for the no-outbox baseline). */
  public static BenchOrder create(long id, int events) {
    BenchOrder order = new BenchOrder();
    order.id = id;
    order.customer = "customer-" + id % 97;
    order.amountCents = 1000 + id % 5000;
    for (int i = 0; i < events; i++) {
      order.registerEvent(new BenchEvent(id, order.customer, order.amountCents + i));
    }
    return order;
  }
}
