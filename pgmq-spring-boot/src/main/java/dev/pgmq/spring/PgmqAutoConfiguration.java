package dev.pgmq.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.spring.internal.NativeFactory;
import dev.pgmq.spring.internal.PgmqInstaller;
import dev.pgmq.spring.internal.SharedOutbox;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * Auto-configuration of PGMQ for a Spring Boot application with one JPA {@code
 * EntityManagerFactory} (Hibernate): installs PGMQ at start-up ({@code pgmq.schema.install}) and
 * adds the beans below, each only when the application defines none of its own type:
 *
 * <ul>
 *   <li>{@link Pgmq} on Spring's shared {@code EntityManager}: every call joins the current
 *       {@code @Transactional} transaction and fails fast without one ({@code @Primary}, so it wins
 *       over the {@code PgmqClient}, which is a {@code Pgmq} too);
 *   <li>{@link Outbox}, publishing in the current transaction;
 *   <li>{@link PgmqClient} on the application's {@code EntityManagerFactory}: each call commits in
 *       a transaction of its own, outside Spring's;
 *   <li>{@link PgmqConfig} with the application's Jackson 2 {@code ObjectMapper} when it has one.
 * </ul>
 *
 * {@code @PgmqListener} methods and meters are configured by {@link PgmqListenerConfiguration} and
 * {@link PgmqMetricsConfiguration}.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration",
      "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"
    })
@ConditionalOnClass({Pgmq.class, Outbox.class, EntityManagerFactory.class})
@ConditionalOnSingleCandidate(EntityManagerFactory.class)
@EnableConfigurationProperties(PgmqProperties.class)
@Import({
  PgmqListenerConfiguration.class,
  PgmqMetricsConfiguration.class,
  PgmqHealthConfiguration.class
})
public class PgmqAutoConfiguration {

  /**
   * The PGMQ settings: the schema mode of {@code pgmq.schema.install}, the application's mapper.
   */
  @Bean
  @ConditionalOnMissingBean
  public PgmqConfig pgmqConfig(PgmqProperties properties, ObjectProvider<ObjectMapper> mappers) {
    PgmqConfig.Builder builder =
        PgmqConfig.builder().schemaMode(properties.getSchema().getInstall());
    ObjectMapper mapper = mappers.getIfUnique();
    if (mapper != null) {
      builder.objectMapper(mapper);
    }
    return builder.build();
  }

  /** Installs PGMQ per {@code pgmq.schema.install} when the context starts. */
  @Bean
  @ConditionalOnMissingBean
  public PgmqInstaller pgmqInstaller(
      EntityManagerFactory entityManagerFactory, PgmqProperties properties) {
    return new PgmqInstaller(entityManagerFactory, properties.getSchema().getInstall());
  }

  /** PGMQ operations in the current Spring transaction. */
  @Bean
  @Primary
  @ConditionalOnMissingBean(value = Pgmq.class, ignored = PgmqClient.class)
  public Pgmq pgmq(
      EntityManagerFactory entityManagerFactory, PgmqConfig config, PgmqInstaller installed) {
    return Pgmq.using(
        SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory), config);
  }

  /** The outbox of the current Spring transaction. */
  @Bean
  @ConditionalOnMissingBean
  public Outbox outbox(EntityManagerFactory entityManagerFactory, PgmqInstaller installed) {
    return new SharedOutbox(
        SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
  }

  /** A self-committing client; closing it leaves the application's factory open. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PgmqClient pgmqClient(
      EntityManagerFactory entityManagerFactory, PgmqConfig config, PgmqInstaller installed) {
    return PgmqClient.create(NativeFactory.of(entityManagerFactory), config);
  }
}
