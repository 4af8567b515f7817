package dev.pgmq.spring;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.health.HealthThresholds;
import dev.pgmq.outbox.health.PgmqHealth;
import dev.pgmq.outbox.health.PgmqHealthBuilder;
import dev.pgmq.spring.internal.ActuatorHealth;
import dev.pgmq.spring.internal.ListenerContainer;
import dev.pgmq.spring.internal.NativeFactory;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The {@link PgmqHealth} check of the listener queues (with their dead-letter queues and consumers)
 * and of {@code pgmq.health.queues}, with the thresholds of {@code pgmq.health.*} or of the
 * application's {@link HealthThresholds} bean; with Spring Boot Actuator, exposed as the health
 * indicator {@code pgmq} (off with {@code management.health.pgmq.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
@Import({
  PgmqHealthConfiguration.Boot4Indicator.class,
  PgmqHealthConfiguration.Boot3Indicator.class
})
public class PgmqHealthConfiguration {

  /** The bean name of the indicator; Actuator names the check {@code pgmq} after it. */
  public static final String INDICATOR = "pgmqHealthIndicator";

  /** The check of PGMQ, the listener queues and {@code pgmq.health.queues}. */
  @Bean
  @ConditionalOnMissingBean
  public PgmqHealth pgmqHealth(
      EntityManagerFactory entityManagerFactory,
      PgmqConfig config,
      PgmqProperties properties,
      ObjectProvider<ListenerContainer> listeners,
      ObjectProvider<HealthThresholds> thresholds) {
    PgmqHealthBuilder builder =
        PgmqHealth.builder(NativeFactory.of(entityManagerFactory)).config(config);
    ListenerContainer container = listeners.getIfAvailable();
    if (container != null) {
      container.consumers().forEach(builder::consumer);
    }
    properties.getHealth().getQueues().forEach(builder::queue);
    return builder.thresholds(thresholds.getIfAvailable(() -> thresholds(properties))).build();
  }

  private static HealthThresholds thresholds(PgmqProperties properties) {
    PgmqProperties.Health h = properties.getHealth();
    HealthThresholds t = HealthThresholds.none();
    if (h.getMaxQueueDepth() != null) {
      t = t.withMaxQueueDepth(h.getMaxQueueDepth());
    }
    if (h.getMaxOldestMessageAge() != null) {
      t = t.withMaxOldestMessageAge(h.getMaxOldestMessageAge());
    }
    if (h.getMaxDeadLetters() != null) {
      t = t.withMaxDeadLetters(h.getMaxDeadLetters());
    }
    return t;
  }

  /** Spring Boot 4.x Actuator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = ActuatorHealth.BOOT_4 + ".HealthIndicator")
  @ConditionalOnProperty(
      name = "management.health.pgmq.enabled",
      havingValue = "true",
      matchIfMissing = true)
  @Import(Boot4Indicator.Registrar.class)
  static class Boot4Indicator {
    static class Registrar extends IndicatorRegistrar {
      Registrar() {
        super(ActuatorHealth.BOOT_4);
      }
    }
  }

  /** Spring Boot 3.x Actuator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = ActuatorHealth.BOOT_3 + ".HealthIndicator")
  @ConditionalOnMissingClass(ActuatorHealth.BOOT_4 + ".HealthIndicator")
  @ConditionalOnProperty(
      name = "management.health.pgmq.enabled",
      havingValue = "true",
      matchIfMissing = true)
  @Import(Boot3Indicator.Registrar.class)
  static class Boot3Indicator {
    static class Registrar extends IndicatorRegistrar {
      Registrar() {
        super(ActuatorHealth.BOOT_3);
      }
    }
  }

  /** Registers the indicator with its real type, so that Actuator finds it by type. */
  abstract static class IndicatorRegistrar implements ImportBeanDefinitionRegistrar {

    private final String pkg;

    IndicatorRegistrar(String pkg) {
      this.pkg = pkg;
    }

    @Override
    public void registerBeanDefinitions(
        AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      if (registry.containsBeanDefinition(INDICATOR)) {
        return;
      }
      ClassLoader loader = PgmqHealthConfiguration.class.getClassLoader();
      BeanFactory beans = (BeanFactory) registry;
      RootBeanDefinition definition =
          new RootBeanDefinition(
              Object.class,
              () -> ActuatorHealth.indicator(pkg, loader, () -> beans.getBean(PgmqHealth.class)));
      definition.setTargetType(ActuatorHealth.indicatorType(pkg, loader));
      registry.registerBeanDefinition(INDICATOR, definition);
    }
  }
}
