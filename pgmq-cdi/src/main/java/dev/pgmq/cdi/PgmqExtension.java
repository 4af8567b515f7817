package dev.pgmq.cdi;

import dev.pgmq.cdi.internal.OutboxBean;
import dev.pgmq.cdi.internal.PgmqDeployment;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessManagedBean;

/**
 * The portable extension of PGMQ for CDI, registered through {@code
 * META-INF/services/jakarta.enterprise.inject.spi.Extension} (so a container finds it on the class
 * path; add it by hand only where service loading is off).
 *
 * <p>It adds the beans {@code Pgmq} and {@code Outbox} ({@code @Dependent}, over the application's
 * {@code @Default EntityManager} bean) and, when the application has a resource-local {@code
 * EntityManagerFactory} bean and no {@code PgmqClient} of its own, an {@code @ApplicationScoped
 * PgmqClient}. It finds the {@link PgmqListener} methods, checks their signatures and settings when
 * the deployment is validated (a problem fails the deployment with a message naming the method),
 * starts their consumers when the application scope is initialized (a consumer whose queue does not
 * exist yet is retried with backoff) and stops them, gracefully, before it is destroyed. Consumer
 * threads come from the container's {@code ManagedThreadFactory} (a CDI bean, else {@code
 * java:comp/DefaultManagedThreadFactory}) when it has one, else they are new daemon threads. When
 * the MicroProfile Health API is on the class path it adds a {@code @Readiness} check "pgmq" and a
 * {@code @Liveness} check "pgmq-consumers" over the listener queues ({@link
 * dev.pgmq.outbox.health.PgmqHealth}; thresholds from the application's {@link
 * dev.pgmq.outbox.health.HealthThresholds} bean, if it has one).
 *
 * <p>One instance per container; the container calls it from its deployment thread.
 */
public class PgmqExtension implements Extension {

  private final PgmqDeployment deployment = new PgmqDeployment();

  void addBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    deployment.addBeans(event, beanManager);
  }

  void vetoDiscovered(@Observes ProcessAnnotatedType<OutboxBean> event) {
    deployment.vetoDiscovered(event);
  }

  <X> void findListeners(@Observes ProcessManagedBean<X> event) {
    deployment.findListeners(event);
  }

  <X> void noteBean(@Observes ProcessBean<X> event) {
    deployment.noteBean(event.getBean());
  }

  <T, X> void noteInjectionPoint(@Observes ProcessInjectionPoint<T, X> event) {
    deployment.noteInjectionPoint(event.getInjectionPoint());
  }

  /** Adds the {@code Pgmq} bean, the {@code PgmqClient} bean and the health checks. */
  void afterBeanDiscovery(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
    deployment.addPgmq(event);
    deployment.addClient(event);
    deployment.addHealthChecks(event, beanManager);
  }

  void validate(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
    deployment.validate(event, beanManager);
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
    deployment.start();
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    deployment.stop();
  }
}
