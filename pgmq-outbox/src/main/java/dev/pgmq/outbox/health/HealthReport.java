package dev.pgmq.outbox.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link PgmqHealth#check()} found. Immutable.
 *
 * @param checkedAt when the check ran
 * @param databaseReachable whether the database answered
 * @param pgmqInstalled whether PGMQ is installed in it
 * @param pgmqInstall how: {@code EXTENSION}, {@code SQL} (pgmq-jpa's SQL-only install) or {@code
 *     EXTERNAL_SQL}; {@code null} when not installed or not reachable
 * @param pgmqVersion the installed PGMQ version, {@code null} when not installed or not reachable
 * @param queues one entry per checked queue, in the order they were registered
 * @param problems what is wrong with the database or PGMQ itself (queue problems are in {@link
 *     #queues()}), empty when nothing is
 */
public record HealthReport(
    Instant checkedAt,
    boolean databaseReachable,
    boolean pgmqInstalled,
    String pgmqInstall,
    String pgmqVersion,
    List<QueueHealth> queues,
    List<String> problems) {

  /** Checks the required parts and copies the lists. */
  public HealthReport {
    Objects.requireNonNull(checkedAt, "checkedAt");
    queues = List.copyOf(queues);
    problems = List.copyOf(problems);
  }

  /**
   * Readiness: {@link HealthStatus#UP} when the database answers, PGMQ is installed and every queue
   * is healthy (exists, within the thresholds, its consumers running).
   */
  public HealthStatus status() {
    if (!problems.isEmpty()) {
      return HealthStatus.DOWN;
    }
    return queues.stream().allMatch(q -> q.status() == HealthStatus.UP)
        ? HealthStatus.UP
        : HealthStatus.DOWN;
  }

  /**
   * Liveness: {@link HealthStatus#UP} when every registered consumer runs, whatever the database
   * says (a database outage is a readiness problem; a stopped consumer needs a restart).
   */
  public HealthStatus consumerStatus() {
    return queues.stream().allMatch(q -> q.consumersRunning() == q.consumers())
        ? HealthStatus.UP
        : HealthStatus.DOWN;
  }

  /** Every problem, the database's first, then each queue's prefixed with its name. */
  public List<String> allProblems() {
    List<String> all = new ArrayList<>(problems);
    for (QueueHealth q : queues) {
      q.problems().forEach(p -> all.add(q.queue() + ": " + p));
    }
    return all;
  }
}
