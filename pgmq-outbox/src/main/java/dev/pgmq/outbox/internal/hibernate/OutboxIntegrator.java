package dev.pgmq.outbox.internal.hibernate;

import dev.pgmq.outbox.OutboxConfig;
import dev.pgmq.outbox.internal.OutboxRuntime;
import dev.pgmq.outbox.internal.SettingsReader;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Wires the outbox into every session factory (found through {@code META-INF/services}), unless
 * {@code pgmq.outbox.enabled=false}: collects entity events during flush, sends at its end.
 */
public final class OutboxIntegrator implements Integrator {

  @Override
  public void integrate(
      Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
    Map<String, Object> properties = factory.getProperties();
    if (!SettingsReader.enabled(properties)) {
      return;
    }
    ClassLoaderService classes =
        factory.getServiceRegistry().requireService(ClassLoaderService.class);
    OutboxConfig config = SettingsReader.read(properties, classes::classForName);
    OutboxRuntime runtime = new OutboxRuntime(config);
    EventListenerRegistry registry =
        factory.getServiceRegistry().requireService(EventListenerRegistry.class);
    OutboxFlushListener flush = new OutboxFlushListener(runtime);
    JpaEntityNames names = new JpaEntityNames();
    registry.appendListeners(EventType.FLUSH_ENTITY, new EntityEventCollector(runtime, names));
    registry.appendListeners(EventType.MERGE, new MergedEventCollector(runtime, names));
    registry.appendListeners(EventType.FLUSH, flush);
    registry.appendListeners(EventType.AUTO_FLUSH, flush);
  }

  /** Nothing to undo (the listeners go with the factory); abstract before Hibernate 7.0. */
  @Override
  public void disintegrate(
      SessionFactoryImplementor factory, SessionFactoryServiceRegistry serviceRegistry) {}
}
