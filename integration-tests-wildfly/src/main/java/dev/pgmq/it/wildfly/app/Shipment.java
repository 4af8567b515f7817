package dev.pgmq.it.wildfly.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * Recorded by the shipping listener, once per order (the order id is unique), with what the
 * listener's thread could look up in {@code java:comp}.
 */
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

  @Column(name = "listener_thread")
  private String listenerThread;

  @Column(name = "user_transaction_found")
  private boolean userTransactionFound;

  @Column(name = "default_data_source_found")
  private boolean defaultDataSourceFound;

  protected Shipment() {}

  public Shipment(Long orderId, String customer, String listenerThread, ComponentNames names) {
    this.orderId = orderId;
    this.customer = customer;
    this.listenerThread = listenerThread;
    this.userTransactionFound = names.userTransaction();
    this.defaultDataSourceFound = names.defaultDataSource();
  }
}
