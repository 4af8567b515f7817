package dev.pgmq.jpa;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Settings shared by every way of running PGMQ operations. Immutable and thread-safe; build with
 * {@link #builder()}, validated once by {@link Builder#build()} with errors naming the property.
 */
public final class PgmqConfig {

  private static final PgmqConfig DEFAULTS = builder().build();

  private final ObjectMapper objectMapper;
  private final SchemaMode schemaMode;
  private final int poolSize;
  private final Executor asyncExecutor;
  private final ThreadFactory threadFactory;

  private PgmqConfig(Builder b) {
    this.objectMapper = b.objectMapper;
    this.schemaMode = b.schemaMode;
    this.poolSize = b.poolSize;
    this.asyncExecutor = b.asyncExecutor;
    this.threadFactory = b.threadFactory;
  }

  /**
   * The defaults: the {@link #newObjectMapper() default ObjectMapper}, {@link
   * SchemaMode#EXTENSION_OR_SQL}.
   */
  public static PgmqConfig defaults() {
    return DEFAULTS;
  }

  /**
   * A new instance of the default {@code ObjectMapper}, to customise and pass to {@link
   * Builder#objectMapper(ObjectMapper)}: JSR-310 types ({@code Instant}, ...) as ISO-8601 text, and
   * numbers exactly as written ({@code 12345678901234567.89} and {@code 99.90} come back as such in
   * maps, {@code Object}s and {@code JsonNode} trees: floating-point numbers are read as {@code
   * BigDecimal}, never rounded through {@code double}, trailing zeros kept).
   *
   * <p>With a mapper of your own, {@code JsonNode} payloads and headers are still read exactly;
   * typed payloads follow your mapper (a {@code BigDecimal} field is always exact, an {@code
   * Object} or {@code Map} value is a {@code Double} unless {@link
   * DeserializationFeature#USE_BIG_DECIMAL_FOR_FLOATS} is on).
   */
  public static ObjectMapper newObjectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.objectMapper = objectMapper;
    b.schemaMode = schemaMode;
    b.poolSize = poolSize;
    b.asyncExecutor = asyncExecutor;
    b.threadFactory = threadFactory;
    return b;
  }

  /** The mapper for payloads and headers. */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /** How a {@link PgmqClient} makes sure PGMQ is installed on first use. */
  public SchemaMode schemaMode() {
    return schemaMode;
  }

  /** Connections in the pool a {@link PgmqClient} creates from a URL (default 10). */
  public int poolSize() {
    return poolSize;
  }

  /**
   * The executor of {@link AsyncPgmq}, or {@code null} for the client's own, bounded by {@link
   * #poolSize()}.
   */
  public Executor asyncExecutor() {
    return asyncExecutor;
  }

  /**
   * Where the client's own {@link AsyncPgmq} executor gets its threads, or {@code null} for new
   * daemon threads. Not used when {@link #asyncExecutor()} is set.
   */
  public ThreadFactory threadFactory() {
    return threadFactory;
  }

  /** Builds a {@link PgmqConfig}. Not thread-safe. */
  public static final class Builder {
    private ObjectMapper objectMapper = newObjectMapper();
    private SchemaMode schemaMode = SchemaMode.EXTENSION_OR_SQL;
    private int poolSize = 10;
    private Executor asyncExecutor;
    private ThreadFactory threadFactory;

    private Builder() {}

    /**
     * The mapper for payloads and headers; start from {@link PgmqConfig#newObjectMapper()} to keep
     * the defaults (exact numbers, ISO-8601 dates).
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /** How a client makes sure PGMQ is installed. */
    public Builder schemaMode(SchemaMode schemaMode) {
      this.schemaMode = Objects.requireNonNull(schemaMode, "schemaMode");
      return this;
    }

    /** Size of the pool a client creates from a URL; must be &gt; 0. */
    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /** Executor for {@link AsyncPgmq}; {@code null} for the client's own. */
    public Builder asyncExecutor(Executor asyncExecutor) {
      this.asyncExecutor = asyncExecutor;
      return this;
    }

    /**
     * Thread factory of the client's own {@link AsyncPgmq} executor (a Jakarta EE container's
     * {@code ManagedThreadFactory}, say); {@code null} for new daemon threads.
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = threadFactory;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the property that is invalid
     */
    public PgmqConfig build() {
      if (poolSize <= 0) {
        throw new IllegalArgumentException("poolSize must be > 0, was " + poolSize);
      }
      return new PgmqConfig(this);
    }
  }
}
