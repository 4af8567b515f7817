package dev.pgmq.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Routes an event class and names its type. Read by the default {@link
 * dev.pgmq.outbox.spi.QueueRouter}; {@link #type()} and {@link #version()} go into the envelope
 * whatever the router.
 *
 * <pre>{@code
 * @OutboxEvent(queue = "orders", type = "order.placed")
 * record OrderPlaced(long orderId, BigDecimal total) {}
 *
 * @OutboxEvent(topic = true, type = "order.shipped")   // fan-out to every queue bound to a pattern
 * record OrderShipped(long orderId) {}                  // matching "order.shipped"
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OutboxEvent {

  /** The queue the event is sent to; empty when {@link #topic()} routes it or a router does. */
  String queue() default "";

  /**
   * The event type written to {@link EnvelopeHeaders#EVENT_TYPE}; empty for the default, see {@link
   * EventTypes#of(Class)}.
   */
  String type() default "";

  /**
   * Whether the event is sent through PGMQ topics ({@code pgmq.send_batch_topic}) with its type as
   * the routing key, to every queue bound to a matching pattern, instead of to {@link #queue()}.
   */
  boolean topic() default false;

  /** The payload's schema version, written to {@link EnvelopeHeaders#SCHEMA_VERSION}; &gt; 0. */
  int version() default 1;
}
