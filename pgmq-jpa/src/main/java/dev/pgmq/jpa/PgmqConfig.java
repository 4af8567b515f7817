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
 * {@link #builder()}, validated once (by the constructor, which {@link Builder#build()} calls) with
 * errors naming the property.
 *
 * @param objectMapper the mapper for payloads and headers
 * @param schemaMode how a {@link PgmqClient} makes sure PGMQ is installed on first use
 * @param poolSize connections in the pool a {@link PgmqClient} creates from a URL (default 10)
 * @param asyncExecutor the executor of {@link AsyncPgmq}, or {@code null} for the client's own,
 *     bounded by {@link #poolSize()}
 * @param threadFactory where the client's own {@link AsyncPgmq} executor gets its threads, or
 *     {@code null} for new daemon threads; not used when {@link #asyncExecutor()} is set
 */
public record PgmqConfig(
    ObjectMapper objectMapper,
    SchemaMode schemaMode,
    int poolSize,
    Executor asyncExecutor,
    ThreadFactory threadFactory) {

  private static final PgmqConfig DEFAULTS =
      new PgmqConfig(newObjectMapper(), SchemaMode.EXTENSION_OR_SQL, 10, null, null);

  /**
   * Checks every property.
   *
   * @throws NullPointerException naming {@code objectMapper} or {@code schemaMode} when null
   * @throws IllegalArgumentException naming {@code poolSize} when it is not &gt; 0
   */
  public PgmqConfig {
    Objects.requireNonNull(objectMapper, "objectMapper");
    Objects.requireNonNull(schemaMode, "schemaMode");
    if (poolSize <= 0) {
      throw new IllegalArgumentException("poolSize must be > 0, was " + poolSize);
    }
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

  /** A builder starting from the defaults, with a new {@link #newObjectMapper() ObjectMapper}. */
  public static Builder builder() {
    return new Builder(DEFAULTS).objectMapper(newObjectMapper());
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link PgmqConfig}. Not thread-safe. */
  public static final class Builder {
    private ObjectMapper objectMapper;
    private SchemaMode schemaMode;
    private int poolSize;
    private Executor asyncExecutor;
    private ThreadFactory threadFactory;

    private Builder(PgmqConfig from) {
      objectMapper = from.objectMapper;
      schemaMode = from.schemaMode;
      poolSize = from.poolSize;
      asyncExecutor = from.asyncExecutor;
      threadFactory = from.threadFactory;
    }

    /** Size of the pool a client creates from a URL; must be &gt; 0. */
    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /** How a client makes sure PGMQ is installed. */
    public Builder schemaMode(SchemaMode schemaMode) {
      this.schemaMode = Objects.requireNonNull(schemaMode, "schemaMode");
      return this;
    }

    /**
     * The mapper for payloads and headers; start from {@link PgmqConfig#newObjectMapper()} to keep
     * the defaults (exact numbers, ISO-8601 dates).
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
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
      return new PgmqConfig(objectMapper, schemaMode, poolSize, asyncExecutor, threadFactory);
    }
  }
}
