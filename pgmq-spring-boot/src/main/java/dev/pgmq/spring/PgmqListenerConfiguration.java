package dev.pgmq.spring;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.listener.spi.ListenerConsumers;
import dev.pgmq.spring.internal.ListenerContainer;
import dev.pgmq.spring.internal.ListenerScanner;
import dev.pgmq.spring.internal.PgmqInstaller;
import dev.pgmq.spring.internal.SpringTransactionRunner;
import dev.pgmq.spring.internal.VirtualThreads;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Runs the {@code @PgmqListener} methods of the application's beans (unless {@code
 * pgmq.listener.enabled=false}): one consumer per queue, each message handled in a new transaction
 * of the application's {@link PlatformTransactionManager} that also acknowledges it, on virtual
 * threads when {@code spring.threads.virtual.enabled=true} (Java 21+). The consumers start with the
 * context and stop gracefully in the phase of the web server's graceful shutdown.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    prefix = "pgmq.listener",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class PgmqListenerConfiguration {

  /** The consumers of the application's listener methods. */
  @Bean
  @ConditionalOnMissingBean
  public ListenerContainer pgmqListenerContainer(
      ConfigurableListableBeanFactory beanFactory,
      EntityManagerFactory entityManagerFactory,
      ObjectProvider<PlatformTransactionManager> transactionManagers,
      PgmqConfig config,
      PgmqProperties properties,
      ObjectProvider<ConsumerListener> observers,
      Environment environment,
      PgmqInstaller installed) {
    List<ListenerConsumers.Endpoint> endpoints = ListenerScanner.scan(beanFactory);
    if (endpoints.isEmpty()) {
      return ListenerContainer.build(
          endpoints, entityManagerFactory, null, config, List.of(), q -> null, false);
    }
    PlatformTransactionManager transactionManager = transactionManagers.getIfUnique();
    if (transactionManager == null) {
      throw new IllegalStateException(
          "@PgmqListener methods need one PlatformTransactionManager bean (the"
              + " JpaTransactionManager of the application's EntityManagerFactory); found "
              + transactionManagers.stream().count()
              + ": mark one @Primary");
    }
    return ListenerContainer.build(
        endpoints,
        entityManagerFactory,
        new SpringTransactionRunner(transactionManager, entityManagerFactory),
        config,
        observers.orderedStream().toList(),
        VirtualThreads.factoryPerQueue(environment),
        properties.getListener().isAutoStartup());
  }
}
