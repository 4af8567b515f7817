package dev.pgmq.it.cdi;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Recorded by the shipping listener, once per order (the order id is unique). */
@Entity(name = "Shipment")
@Table(name = "shipment")
public class Shipment {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shipment_seq")
  @SequenceGenerator(name = "shipment_seq", sequenceName = "shipment_seq", allocationSize = 1)
  private Long id;

  @Column(name = "order_id", unique = true)
  private Long orderId;

  private String customer;

  protected Shipment() {}

  public Shipment(Long orderId, String customer) {
    this.orderId = orderId;
    this.customer = customer;
  }

  public Long getOrderId() {
    return orderId;
  }
}
