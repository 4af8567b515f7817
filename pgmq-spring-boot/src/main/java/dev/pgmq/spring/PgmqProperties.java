package dev.pgmq.spring;

import dev.pgmq.jpa.SchemaMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pgmq.*} settings of the starter. Each setter checks its value and names the property
 * when it rejects one, so a wrong value stops the application at start-up with that name. Bound
 * once at start-up; not meant to change afterwards.
 */
@ConfigurationProperties(prefix = "pgmq")
public class PgmqProperties {

  private final Schema schema = new Schema();
  private final Listener listener = new Listener();
  private final Metrics metrics = new Metrics();
  private final Health health = new Health();

  /** How PGMQ is installed at start-up. */
  public Schema getSchema() {
    return schema;
  }

  /** The {@code @PgmqListener} consumers. */
  public Listener getListener() {
    return listener;
  }

  /** Micrometer meters. */
  public Metrics getMetrics() {
    return metrics;
  }

  /** The health check. */
  public Health getHealth() {
    return health;
  }

  /** {@code pgmq.schema.*}. */
  public static class Schema {

    /**
     * How PGMQ is made sure of at start-up, before any bean uses it: extension-or-sql (CREATE
     * EXTENSION pgmq where the server offers it, else the library's SQL-only install),
     * extension-only, sql-only, or none (install nothing; only check that PGMQ is there). Use none
     * when a Flyway or Liquibase migration installs PGMQ.
     */
    private SchemaMode install = SchemaMode.EXTENSION_OR_SQL;

    public SchemaMode getInstall() {
      return install;
    }

    public void setInstall(SchemaMode install) {
      this.install =
          Objects.requireNonNull(
              install,
              "pgmq.schema.install must be one of extension-or-sql, extension-only, sql-only, none");
    }
  }

  /** {@code pgmq.listener.*}. */
  public static class Listener {

    /** Whether @PgmqListener methods of Spring beans are run. */
    private boolean enabled = true;

    /** Whether the listener consumers start with the application context. */
    private boolean autoStartup = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isAutoStartup() {
      return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
      this.autoStartup = autoStartup;
    }
  }

  /** {@code pgmq.metrics.*}. */
  public static class Metrics {

    /**
     * Queues whose depth and age are published as gauges (pgmq.queue.length,
     * pgmq.queue.visible.length, pgmq.queue.oldest.age, pgmq.queue.newest.age, pgmq.queue.total).
     */
    private List<String> queues = new ArrayList<>();

    /** The longest a scrape reuses the last reading of a queue's metrics; >= 0. */
    private Duration refreshInterval = Duration.ofSeconds(10);

    public List<String> getQueues() {
      return queues;
    }

    public void setQueues(List<String> queues) {
      this.queues = queueNames(queues, "pgmq.metrics.queues");
    }

    public Duration getRefreshInterval() {
      return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
      if (refreshInterval == null || refreshInterval.isNegative()) {
        throw new IllegalArgumentException(
            "pgmq.metrics.refresh-interval must be >= 0, was " + refreshInterval);
      }
      this.refreshInterval = refreshInterval;
    }
  }

  /** {@code pgmq.health.*}: the checks of the {@code pgmq} health indicator. */
  public static class Health {

    /**
     * Queues checked besides those of the @PgmqListener methods (which are checked with their
     * dead-letter queues and consumers).
     */
    private List<String> queues = new ArrayList<>();

    /**
     * Most messages (visible or not) a queue may hold before the check is DOWN; unset: no limit.
     */
    private Long maxQueueDepth;

    /** Oldest a queue's oldest message may be before the check is DOWN; unset: no limit. */
    private Duration maxOldestMessageAge;

    /** Most messages a dead-letter queue may hold before the check is DOWN; unset: no limit. */
    private Long maxDeadLetters;

    public List<String> getQueues() {
      return queues;
    }

    public void setQueues(List<String> queues) {
      this.queues = queueNames(queues, "pgmq.health.queues");
    }

    public Long getMaxQueueDepth() {
      return maxQueueDepth;
    }

    public void setMaxQueueDepth(Long maxQueueDepth) {
      this.maxQueueDepth = notNegative(maxQueueDepth, "pgmq.health.max-queue-depth");
    }

    public Duration getMaxOldestMessageAge() {
      return maxOldestMessageAge;
    }

    public void setMaxOldestMessageAge(Duration maxOldestMessageAge) {
      if (maxOldestMessageAge != null
          && (maxOldestMessageAge.isNegative() || maxOldestMessageAge.isZero())) {
        throw new IllegalArgumentException(
            "pgmq.health.max-oldest-message-age must be > 0, was " + maxOldestMessageAge);
      }
      this.maxOldestMessageAge = maxOldestMessageAge;
    }

    public Long getMaxDeadLetters() {
      return maxDeadLetters;
    }

    public void setMaxDeadLetters(Long maxDeadLetters) {
      this.maxDeadLetters = notNegative(maxDeadLetters, "pgmq.health.max-dead-letters");
    }
  }

  private static Long notNegative(Long value, String property) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException(property + " must be >= 0, was " + value);
    }
    return value;
  }

  private static List<String> queueNames(List<String> queues, String property) {
    Objects.requireNonNull(queues, property);
    for (String queue : queues) {
      if (queue == null || !queue.matches("[a-z0-9_]{1,47}")) {
        throw new IllegalArgumentException(
            property + ": '" + queue + "' is not a PGMQ queue name ([a-z0-9_]{1,47})");
      }
    }
    return new ArrayList<>(queues);
  }
}
