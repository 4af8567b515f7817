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
 * #builder()}, validated once by {@link Builder#build()} with errors naming the property. Give it
 * to Hibernate as the value of {@link OutboxSettings#CONFIG}, or use the individual settings.
 */
public final class OutboxConfig {

  private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

  private final ObjectMapper objectMapper;
  private final QueueRouter router;
  private final String defaultQueue;
  private final TraceContextProvider traceContext;
  private final boolean groupByAggregate;
  private final boolean requireTopicBinding;
  private final boolean dedup;
  private final String dedupTable;
  private final boolean directInsert;

  private OutboxConfig(Builder b) {
    this.objectMapper = b.objectMapper;
    this.router = b.router;
    this.defaultQueue = b.defaultQueue;
    this.traceContext = b.traceContext;
    this.groupByAggregate = b.groupByAggregate;
    this.requireTopicBinding = b.requireTopicBinding;
    this.dedup = b.dedup;
    this.dedupTable = b.dedupTable;
    this.directInsert = b.directInsert;
  }

  /** The defaults. */
  public static OutboxConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The mapper for payloads and headers; default {@link PgmqConfig#defaults()}'s. */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /** The router; default {@link QueueRouter#annotations()}. */
  public QueueRouter router() {
    return router;
  }

  /** The queue of events the router does not know, or {@code null}. */
  public String defaultQueue() {
    return defaultQueue;
  }

  /** The trace-context source; default {@link TraceContextProvider#none()}. */
  public TraceContextProvider traceContext() {
    return traceContext;
  }

  /** Whether entity events carry the FIFO group {@code <aggregate type>:<id>}; default true. */
  public boolean groupByAggregate() {
    return groupByAggregate;
  }

  /** Whether a topic with no bound queue fails the flush; default true. */
  public boolean requireTopicBinding() {
    return requireTopicBinding;
  }

  /** Whether event ids are deduplicated through {@link #dedupTable()}; default false. */
  public boolean dedup() {
    return dedup;
  }

  /** The dedup table; default {@code pgmq_outbox_dedup}. */
  public String dedupTable() {
    return dedupTable;
  }

  /**
   * Whether a queue's events are written with one static {@code INSERT} into its table, when the
   * catalog shows the table has PGMQ's shape, instead of a {@code pgmq.send_batch} call; the rows
   * are the same. Default true. Topics always go through {@code pgmq.send_batch_topic}.
   */
  public boolean directInsert() {
    return directInsert;
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
      if (defaultQueue != null) {
        QueueNames.check(defaultQueue, "defaultQueue");
      }
      if (!TABLE.matcher(dedupTable).matches()) {
        throw new IllegalArgumentException(
            "dedupTable must be a lower-case identifier, optionally schema-qualified, was '"
                + dedupTable
                + "'");
      }
      return new OutboxConfig(this);
    }
  }
}
