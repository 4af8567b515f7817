package dev.pgmq.cdi.internal;

import dev.pgmq.cdi.PgmqCdiException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the portable extension learns during deployment and does with it: adds the beans, finds and
 * checks the listener methods, prepares and runs their consumers. Used by one container, from its
 * deployment thread and then its lifecycle events.
 */
public final class PgmqDeployment {

  private final List<ListenerMethod> listeners = new ArrayList<>();
  private final List<Throwable> problems = new ArrayList<>();
  private final List<InjectionPoint> entityManagerUsers = new ArrayList<>();
  private boolean factoryBean;
  private boolean clientBean;
  private volatile ListenerRuntime runtime;

  /** Adds the {@code Outbox} bean. */
  public void addBeans(BeforeBeanDiscovery event, BeanManager beanManager) {
    event.addAnnotatedType(
        beanManager.createAnnotatedType(OutboxBean.class), OutboxBean.class.getName());
  }

  /**
   * Vetoes the library's own bean class when a container discovers it (an implicit bean archive in
   * a Jakarta EE server): it is added once, by {@link #addBeans}.
   */
  public void vetoDiscovered(ProcessAnnotatedType<?> event) {
    if (event.getAnnotatedType().getJavaClass() == OutboxBean.class
        && !(event instanceof ProcessSyntheticAnnotatedType<?>)) {
      event.veto();
    }
  }

  /** Records the {@link PgmqListener} methods of a managed bean, or what is wrong with them. */
  public <X> void findListeners(ProcessManagedBean<X> event) {
    for (AnnotatedMethod<? super X> method : event.getAnnotatedBeanClass().getMethods()) {
      if (method.isAnnotationPresent(PgmqListener.class)) {
        try {
          listeners.add(ListenerMethod.of(event.getBean(), method.getJavaMember()));
        } catch (ListenerDefinitionException e) {
          problems.add(e);
        }
      }
    }
  }

  /** Notes the application's beans that decide whether a {@code PgmqClient} bean is added. */
  public void noteBean(Bean<?> bean) {
    if (!bean.getQualifiers().contains(Default.Literal.INSTANCE)) {
      return;
    }
    Set<java.lang.reflect.Type> types = bean.getTypes();
    factoryBean |= types.contains(EntityManagerFactory.class);
    clientBean |= types.contains(PgmqClient.class);
  }

  /** Notes an injection point that needs the application's EntityManager bean. */
  public void noteInjectionPoint(InjectionPoint injectionPoint) {
    java.lang.reflect.Type type = injectionPoint.getType();
    if ((type == Pgmq.class || type == Outbox.class)
        && injectionPoint.getQualifiers().stream()
            .allMatch(q -> q instanceof Default || q.annotationType() == Default.class)) {
      entityManagerUsers.add(injectionPoint);
    }
  }

  /**
   * Adds the {@code Pgmq} bean: {@code @Dependent}, produced by {@code Pgmq.using} over the
   * application's {@code EntityManager} bean (see {@link PgmqBeans}).
   */
  public void addPgmq(AfterBeanDiscovery event) {
    event
        .<Pgmq>addBean()
        .beanClass(PgmqBeans.class)
        .types(Pgmq.class, Object.class)
        .scope(Dependent.class)
        .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
        .produceWith(PgmqBeans::create);
  }

  /**
   * Adds a {@code PgmqClient} bean over the application's {@code EntityManagerFactory} bean, when
   * there is one and no {@code PgmqClient} bean of the application's own.
   */
  public void addClient(AfterBeanDiscovery event) {
    if (factoryBean && !clientBean) {
      event
          .<PgmqClient>addBean()
          .beanClass(PgmqClient.class)
          .types(PgmqClient.class, Object.class)
          .scope(ApplicationScoped.class)
          .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
          .produceWith(ClientBeans::create)
          .disposeWith((client, lookup) -> client.close());
    }
  }

  /**
   * Adds the MicroProfile Health checks of the listener queues when the MicroProfile Health API is
   * on the class path (see {@code HealthBeans}).
   */
  public void addHealthChecks(AfterBeanDiscovery event, BeanManager beanManager) {
    try {
      Class.forName(
          "org.eclipse.microprofile.health.HealthCheck", false, getClass().getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return;
    }
    HealthBeans.add(event, beanManager, this::listenerConsumers);
  }

  /** The consumers of the listener methods; empty before validation or without listeners. */
  public List<PgmqConsumer> listenerConsumers() {
    ListenerRuntime r = runtime;
    return r == null ? List.of() : r.consumers();
  }

  /** Reports every problem found; checks the listeners against the database and builds them. */
  public void validate(AfterDeploymentValidation event, BeanManager beanManager) {
    problems.forEach(event::addDeploymentProblem);
    if (!entityManagerUsers.isEmpty()) {
      Set<Bean<?>> beans = beanManager.getBeans(EntityManager.class);
      if (beans.isEmpty() || beans.size() > 1 && beanManager.resolve(beans) == null) {
        event.addDeploymentProblem(
            new PgmqCdiException(
                entityManagerUsers.get(0)
                    + " needs one EntityManager bean with qualifier @Default, found "
                    + beans.size()
                    + ": "
                    + ContextualEntityManager.HOW_TO));
      }
    }
    if (problems.isEmpty() && !listeners.isEmpty()) {
      runtime = ListenerRuntime.prepare(listeners, beanManager, event::addDeploymentProblem);
    }
  }

  /** Starts the listeners (application scope initialized). */
  public void start() {
    ListenerRuntime r = runtime;
    if (r != null) {
      r.start();
    }
  }

  /** Stops the listeners gracefully (application scope about to be destroyed). */
  public void stop() {
    ListenerRuntime r = runtime;
    if (r != null) {
      r.stop();
    }
  }
}
