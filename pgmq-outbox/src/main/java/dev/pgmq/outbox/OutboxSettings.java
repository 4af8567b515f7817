package dev.pgmq.outbox;

/**
 * The Hibernate / JPA properties the outbox reads when the session factory is built (in {@code
 * persistence.xml}, {@code hibernate.properties}, or the map given to {@code
 * createEntityManagerFactory}). Values are strings unless stated; object values may be given as
 * instances or as class names with a public no-argument constructor.
 */
public final class OutboxSettings {

  /**
   * {@code pgmq.outbox.enabled}: {@code false} turns the outbox off for the persistence unit: no
   * listeners are registered and {@link Outbox#of} fails. Default {@code true}.
   */
  public static final String ENABLED = "pgmq.outbox.enabled";

  /**
   * {@code pgmq.outbox.config}: a complete {@link OutboxConfig} instance. When given, the other
   * settings below are ignored (except {@link #ENABLED}).
   */
  public static final String CONFIG = "pgmq.outbox.config";

  private OutboxSettings() {}

  // The individual settings, read when no CONFIG is given.

  /** {@code pgmq.outbox.default-queue}: the queue of events no router knows. Default none. */
  public static final String DEFAULT_QUEUE = "pgmq.outbox.default-queue";

  /**
   * {@code pgmq.outbox.router}: a {@link dev.pgmq.outbox.spi.QueueRouter} (instance or class name)
   * replacing the default {@link dev.pgmq.outbox.spi.QueueRouter#annotations()}.
   */
  public static final String ROUTER = "pgmq.outbox.router";

  /**
   * {@code pgmq.outbox.trace-context}: a {@link dev.pgmq.outbox.spi.TraceContextProvider} (instance
   * or class name). Default: none.
   */
  public static final String TRACE_CONTEXT = "pgmq.outbox.trace-context";

  /**
   * {@code pgmq.outbox.group-by-aggregate}: whether entity events carry {@link
   * EnvelopeHeaders#GROUP} = {@code <aggregate type>:<aggregate id>}. Default {@code true}.
   */
  public static final String GROUP_BY_AGGREGATE = "pgmq.outbox.group-by-aggregate";

  /**
   * {@code pgmq.outbox.topic.require-binding}: whether an event routed to a topic that no queue is
   * bound to fails the flush ({@link UnroutableEventException}) rather than being dropped. Default
   * {@code true}.
   */
  public static final String REQUIRE_TOPIC_BINDING = "pgmq.outbox.topic.require-binding";

  /**
   * {@code pgmq.outbox.dedup.enabled}: whether event ids are recorded in a unique table in the same
   * transaction, so an event whose id was already recorded is not sent again. Default {@code
   * false}.
   */
  public static final String DEDUP_ENABLED = "pgmq.outbox.dedup.enabled";

  /**
   * {@code pgmq.outbox.dedup.table}: the dedup table, optionally schema-qualified. Default {@code
   * pgmq_outbox_dedup}. Created on first use when missing.
   */
  public static final String DEDUP_TABLE = "pgmq.outbox.dedup.table";

  /**
   * {@code pgmq.outbox.direct-insert}: whether the events of one queue are written with one static
   * {@code INSERT INTO pgmq.q_<queue> (vt, message, headers) ... RETURNING msg_id} (the row {@code
   * pgmq.send_batch} writes, without the function call), when the catalog shows that the queue's
   * table has PGMQ's columns, types and defaults; checked once per queue and session factory.
   * {@code false} always calls {@code pgmq.send_batch}. Default {@code true}.
   */
  public static final String DIRECT_INSERT = "pgmq.outbox.direct-insert";
}
