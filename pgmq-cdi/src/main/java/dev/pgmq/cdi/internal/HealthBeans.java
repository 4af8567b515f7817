package dev.pgmq.cdi.internal;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.health.HealthReport;
import dev.pgmq.outbox.health.HealthStatus;
import dev.pgmq.outbox.health.HealthThresholds;
import dev.pgmq.outbox.health.PgmqHealth;
import dev.pgmq.outbox.health.PgmqHealthBuilder;
import dev.pgmq.outbox.health.QueueHealth;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health checks over {@link PgmqHealth}, added by the extension only when the
 * MicroProfile Health API is on the class path: {@code @Readiness} "pgmq" (PGMQ installed, every
 * listener queue within the application's {@link HealthThresholds} bean, consumers running) and
 * {@code @Liveness} "pgmq-consumers" (the listener consumers run; no database access).
 */
final class HealthBeans {

  private HealthBeans() {}

  static void add(
      AfterBeanDiscovery event, BeanManager beanManager, Supplier<List<PgmqConsumer>> consumers) {
    event
        .<HealthCheck>addBean()
        .beanClass(HealthBeans.class)
        .types(HealthCheck.class, Object.class)
        .scope(Dependent.class)
        .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
        .produceWith(
            lookup -> {
              PgmqHealth health = health(beanManager, lookup, consumers);
              return () -> response("pgmq", health.check(), HealthReport::status);
            });
    event
        .<HealthCheck>addBean()
        .beanClass(HealthBeans.class)
        .types(HealthCheck.class, Object.class)
        .scope(Dependent.class)
        .qualifiers(Liveness.Literal.INSTANCE, Any.Literal.INSTANCE)
        .produceWith(
            lookup -> {
              List<PgmqConsumer> listeners = consumers.get();
              return () -> liveness(listeners);
            });
  }

  private static PgmqHealth health(
      BeanManager beanManager, Instance<Object> lookup, Supplier<List<PgmqConsumer>> consumers) {
    Instance<HealthThresholds> thresholds = lookup.select(HealthThresholds.class);
    PgmqHealthBuilder builder =
        PgmqHealth.builder(CdiTransactionRunner.create(beanManager))
            .config(Configs.of(lookup.select(PgmqConfig.class)))
            .thresholds(thresholds.isResolvable() ? thresholds.get() : HealthThresholds.none());
    consumers.get().forEach(builder::consumer);
    return builder.build();
  }

  private static HealthCheckResponse liveness(List<PgmqConsumer> consumers) {
    Map<String, Object> data = new LinkedHashMap<>();
    boolean up = true;
    for (PgmqConsumer c : consumers) {
      data.put(c.queue() + ".running", c.isRunning());
      up &= c.isRunning();
    }
    return new HealthCheckResponse(
        "pgmq-consumers",
        up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(data));
  }

  private static HealthCheckResponse response(
      String name, HealthReport report, Function<HealthReport, HealthStatus> verdict) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("pgmqInstalled", report.pgmqInstalled());
    if (report.pgmqVersion() != null) {
      data.put("pgmqVersion", report.pgmqVersion());
    }
    for (QueueHealth q : report.queues()) {
      data.put(q.queue() + ".depth", q.depth());
      data.put(q.queue() + ".oldestMessageAgeSeconds", q.oldestMessageAge().toSeconds());
      data.put(q.queue() + ".deadLetters", q.deadLetterDepth());
      data.put(q.queue() + ".consumersRunning", q.consumersRunning() + "/" + q.consumers());
    }
    List<String> problems = report.allProblems();
    if (!problems.isEmpty()) {
      data.put("problems", String.join("; ", problems));
    }
    return new HealthCheckResponse(
        name,
        verdict.apply(report) == HealthStatus.UP
            ? HealthCheckResponse.Status.UP
            : HealthCheckResponse.Status.DOWN,
        Optional.of(data));
  }
}
