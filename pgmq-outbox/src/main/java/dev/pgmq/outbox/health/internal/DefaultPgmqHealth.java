package dev.pgmq.outbox.health.internal;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.SchemaStatus;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import dev.pgmq.outbox.health.HealthReport;
import dev.pgmq.outbox.health.HealthThresholds;
import dev.pgmq.outbox.health.PgmqHealth;
import dev.pgmq.outbox.health.QueueHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads PGMQ's install, the queues' metrics and the consumers' state in one transaction. */
public final class DefaultPgmqHealth implements PgmqHealth {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultPgmqHealth.class);

  private final TransactionRunner runner;
  private final PgmqConfig config;
  private final HealthThresholds thresholds;
  private final List<HealthTarget> targets;

  /** A check of {@code targets}. */
  public DefaultPgmqHealth(
      TransactionRunner runner,
      PgmqConfig config,
      HealthThresholds thresholds,
      List<HealthTarget> targets) {
    this.runner = runner;
    this.config = config;
    this.thresholds = thresholds;
    this.targets = List.copyOf(targets);
  }

  @Override
  public HealthReport check() {
    Instant now = Instant.now();
    try {
      return runner.inTransaction(
          em -> {
            Optional<SchemaStatus> installed =
                em.unwrap(Session.class).doReturningWork(PgmqSchema::status);
            if (installed.isEmpty()) {
              return new HealthReport(
                  now,
                  true,
                  false,
                  null,
                  null,
                  absent(),
                  List.of("PGMQ is not installed in the database"));
            }
            Pgmq pgmq = Pgmq.using(em, config);
            Set<String> existing =
                pgmq.listQueues().stream().map(QueueInfo::queueName).collect(Collectors.toSet());
            List<QueueHealth> queues = new ArrayList<>();
            for (HealthTarget target : targets) {
              queues.add(queue(pgmq, existing, target));
            }
            return new HealthReport(
                now,
                true,
                true,
                installed.get().kind().name(),
                installed.get().version(),
                queues,
                List.of());
          });
    } catch (Exception e) {
      LOG.debug("health check could not read the database", e);
      return new HealthReport(
          now, false, false, null, null, absent(), List.of("database: " + e.getMessage()));
    }
  }

  private QueueHealth queue(Pgmq pgmq, Set<String> existing, HealthTarget target) {
    int running = target.running();
    List<String> problems = consumerProblems(target, running);
    if (!existing.contains(target.queue())) {
      problems.add("queue does not exist");
      return health(target, false, 0, Duration.ZERO, 0, running, problems);
    }
    QueueMetrics metrics = pgmq.metrics(target.queue());
    Duration oldest =
        metrics.oldestMsgAgeSec() == null
            ? Duration.ZERO
            : Duration.ofSeconds(metrics.oldestMsgAgeSec());
    long dead =
        existing.contains(target.deadLetterQueue())
            ? pgmq.metrics(target.deadLetterQueue()).queueLength()
            : 0;
    if (metrics.queueLength() > thresholds.maxQueueDepth()) {
      problems.add(
          "depth " + metrics.queueLength() + " exceeds the limit " + thresholds.maxQueueDepth());
    }
    if (thresholds.maxOldestMessageAge() != null
        && oldest.compareTo(thresholds.maxOldestMessageAge()) > 0) {
      problems.add(
          "oldest message is "
              + oldest
              + " old, older than the limit "
              + thresholds.maxOldestMessageAge());
    }
    if (dead > thresholds.maxDeadLetters()) {
      problems.add(
          "dead-letter queue '"
              + target.deadLetterQueue()
              + "' holds "
              + dead
              + " message(s), more than the limit "
              + thresholds.maxDeadLetters());
    }
    return health(target, true, metrics.queueLength(), oldest, dead, running, problems);
  }

  private static QueueHealth health(
      HealthTarget target,
      boolean exists,
      long depth,
      Duration oldest,
      long dead,
      int running,
      List<String> problems) {
    return new QueueHealth(
        target.queue(),
        exists,
        depth,
        oldest,
        target.deadLetterQueue(),
        dead,
        target.consumers().size(),
        running,
        problems);
  }

  /** The queues as unknown (database unreachable or PGMQ missing); consumers still counted. */
  private List<QueueHealth> absent() {
    List<QueueHealth> queues = new ArrayList<>();
    for (HealthTarget target : targets) {
      int running = target.running();
      List<String> problems = consumerProblems(target, running);
      problems.add("not checked: PGMQ or the database is unavailable");
      queues.add(health(target, false, 0, Duration.ZERO, 0, running, problems));
    }
    return queues;
  }

  private static List<String> consumerProblems(HealthTarget target, int running) {
    List<String> problems = new ArrayList<>();
    int registered = target.consumers().size();
    if (running < registered) {
      problems.add((registered - running) + " of " + registered + " consumer(s) not running");
    }
    return problems;
  }
}
