package dev.pgmq.example.spring;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The shipment of one order: its primary key makes a second shipment of an order fail. */
@Entity
public class Shipment {

  @Id private long orderId;
  private String customer;

  /** For JPA. */
  protected Shipment() {}

  /** The shipment of {@code event}'s order. */
  public Shipment(OrderPlaced event) {
    this.orderId = event.orderId();
    this.customer = event.customer();
  }
}
