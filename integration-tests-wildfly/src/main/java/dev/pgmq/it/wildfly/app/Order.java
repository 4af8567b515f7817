package dev.pgmq.it.wildfly.app;

import dev.pgmq.outbox.AbstractAggregateRoot;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** An order: placing it raises {@link OrderPlaced}, which the outbox sends at flush. */
@Entity(name = "ShopOrder")
@Table(name = "shop_order")
public class Order extends AbstractAggregateRoot {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shop_order_seq")
  @SequenceGenerator(name = "shop_order_seq", sequenceName = "shop_order_seq", allocationSize = 1)
  private Long id;

  private String customer;

  protected Order() {}

  public Order(String customer) {
    this.customer = customer;
  }

  public Long getId() {
    return id;
  }

  /** Places the order (it must be persistent, so that it has an id) and raises the event. */
  public void place() {
    registerEvent(new OrderPlaced(id, customer));
  }
}
