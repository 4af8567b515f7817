package dev.pgmq.spring;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import dev.pgmq.outbox.micrometer.PgmqConsumerMetrics;
import dev.pgmq.outbox.micrometer.PgmqQueueMetrics;
import dev.pgmq.spring.internal.NativeFactory;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters, when Micrometer is on the class path: Spring Boot binds these {@link
 * MeterBinder}s to the application's {@code MeterRegistry}. The listener consumers count and time
 * what they do ({@code pgmq.consumer.*}); the queues of {@code pgmq.metrics.queues} get depth and
 * age gauges ({@code pgmq.queue.*}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterBinder.class)
public class PgmqMetricsConfiguration {

  /** Counters and timers of the listener consumers. */
  @Bean
  public PgmqConsumerMetrics pgmqConsumerMeters() {
    return new PgmqConsumerMetrics();
  }

  /** Depth and age gauges of {@code pgmq.metrics.queues}. */
  @Bean
  public PgmqQueueMetrics pgmqQueueMetrics(
      EntityManagerFactory entityManagerFactory, PgmqConfig config, PgmqProperties properties) {
    return new PgmqQueueMetrics(
        TransactionRunner.resourceLocal(NativeFactory.of(entityManagerFactory)),
        config,
        properties.getMetrics().getRefreshInterval(),
        properties.getMetrics().getQueues());
  }
}
