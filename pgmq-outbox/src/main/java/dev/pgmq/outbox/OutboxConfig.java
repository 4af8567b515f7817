package dev.pgmq.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.spi.QueueNames;
import dev.pgmq.outbox.spi.QueueRouter;
import dev.pgmq.outbox.spi.TraceContextProvider;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the outbox of one persistence unit behaves. Immutable and thread-safe; build with {@link
 * #builder()}, validated once (by the constructor, which {@link Builder#build()} calls) with errors
 * naming the property. Give it to Hibernate as the value of {@link OutboxSettings#CONFIG}, or use
 * the individual settings.
 *
 * @param objectMapper the mapper for payloads and headers; default {@link PgmqConfig#defaults()}'s
 * @param router the router; default {@link QueueRouter#annotations()}
 * @param defaultQueue the queue of events the router does not know, or {@code null}
 * @param traceContext the trace-context source; default {@link TraceContextProvider#none()}
 * @param groupByAggregate whether entity events carry the FIFO group {@code <aggregate type>:<id>};
 *     default true
 * @param requireTopicBinding whether a topic with no bound queue fails the flush; default true
 * @param dedup whether event ids are deduplicated through {@link #dedupTable()}; default false
 * @param dedupTable the dedup table: a lower-case identifier, optionally schema-qualified; default
 *     {@code pgmq_outbox_dedup}
 * @param directInsert whether a queue's events are written with one static {@code INSERT} into its
 *     table, when the catalog shows the table has PGMQ's shape, instead of a {@code
 *     pgmq.send_batch} call; the rows are the same. Default true. Topics always go through {@code
 *     pgmq.send_batch_topic}.
 */
public record OutboxConfig(
    ObjectMapper objectMapper,
    QueueRouter router,
    String defaultQueue,
    TraceContextProvider traceContext,
    boolean groupByAggregate,
    boolean requireTopicBinding,
    boolean dedup,
    String dedupTable,
    boolean directInsert) {

  private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

  /**
   * Checks every property.
   *
   * @throws NullPointerException naming the property that is null and must not be
   * @throws IllegalArgumentException naming {@code dedupTable} when it is not an identifier
   * @throws dev.pgmq.jpa.InvalidQueueNameException naming {@code defaultQueue} when it is not a
   *     valid queue name
   */
  public OutboxConfig {
    Objects.requireNonNull(objectMapper, "objectMapper");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(traceContext, "traceContext");
    if (defaultQueue != null) {
      QueueNames.check(defaultQueue, "defaultQueue");
    }
    if (!TABLE.matcher(Objects.requireNonNull(dedupTable, "dedupTable")).matches()) {
      throw new IllegalArgumentException(
          "dedupTable must be a lower-case identifier, optionally schema-qualified, was '"
              + dedupTable
              + "'");
    }
  }

  /** The defaults. */
  public static OutboxConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link OutboxConfig}. Not thread-safe. */
  public static final class Builder {
    private ObjectMapper objectMapper = PgmqConfig.defaults().objectMapper();
    private QueueRouter router = QueueRouter.annotations();
    private String defaultQueue;
    private TraceContextProvider traceContext = TraceContextProvider.none();
    private boolean groupByAggregate = true;
    private boolean requireTopicBinding = true;
    private boolean dedup;
    private String dedupTable = "pgmq_outbox_dedup";
    private boolean directInsert = true;

    private Builder() {}

    /** The mapper for payloads and headers. */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /** The router, replacing {@link QueueRouter#annotations()}. */
    public Builder router(QueueRouter router) {
      this.router = Objects.requireNonNull(router, "router");
      return this;
    }

    /** The queue of events the router does not know; {@code null} for none. */
    public Builder defaultQueue(String defaultQueue) {
      this.defaultQueue = defaultQueue;
      return this;
    }

    /** The trace-context source. */
    public Builder traceContext(TraceContextProvider traceContext) {
      this.traceContext = Objects.requireNonNull(traceContext, "traceContext");
      return this;
    }

    /** Whether entity events carry the FIFO group header. */
    public Builder groupByAggregate(boolean groupByAggregate) {
      this.groupByAggregate = groupByAggregate;
      return this;
    }

    /** Whether a topic with no bound queue fails the flush. */
    public Builder requireTopicBinding(boolean requireTopicBinding) {
      this.requireTopicBinding = requireTopicBinding;
      return this;
    }

    /** Whether event ids are deduplicated. */
    public Builder dedup(boolean dedup) {
      this.dedup = dedup;
      return this;
    }

    /** The dedup table: lower-case identifier, optionally schema-qualified. */
    public Builder dedupTable(String dedupTable) {
      this.dedupTable = Objects.requireNonNull(dedupTable, "dedupTable");
      return this;
    }

    /** Whether events go to PGMQ-shaped queue tables by a direct insert (default true). */
    public Builder directInsert(boolean directInsert) {
      this.directInsert = directInsert;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the property that is invalid
     * @throws dev.pgmq.jpa.InvalidQueueNameException naming {@code defaultQueue} when it is not a
     *     valid queue name
     */
    public OutboxConfig build() {
      return new OutboxConfig(
          objectMapper,
          router,
          defaultQueue,
          traceContext,
          groupByAggregate,
          requireTopicBinding,
          dedup,
          dedupTable,
          directInsert);
    }
  }
}
