package dev.pgmq.example;

import dev.pgmq.outbox.AbstractAggregateRoot;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order; placing it raises {@link OrderPlaced}, sent when the order is flushed. */
@Entity
@Table(name = "purchase_order")
public class PurchaseOrder extends AbstractAggregateRoot {

  @Id private long id;
  private String customer;
  private long amountCents;

  /** For JPA. */
  protected PurchaseOrder() {}

  /** A new order, placed at once. */
  public static PurchaseOrder place(long id, String customer, long amountCents) {
    PurchaseOrder order = new PurchaseOrder();
    order.id = id;
    order.customer = customer;
    order.amountCents = amountCents;
    order.registerEvent(new OrderPlaced(id, customer, amountCents));
    return order;
  }
}
