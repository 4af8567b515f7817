package dev.pgmq.spring.internal;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * The persistence provider's own factory behind Spring's proxy. {@code EntityManager}s of Spring's
 * proxy report {@code isJoinedToTransaction() == false} inside a plain {@code EntityTransaction},
 * so what runs its own resource-local transactions (the client, health checks, queue gauges) uses
 * the native factory: same persistence unit, same connection pool.
 */
public final class NativeFactory {

  private NativeFactory() {}

  /** The native factory of {@code emf}, or {@code emf} when it is not Spring's proxy. */
  public static EntityManagerFactory of(EntityManagerFactory emf) {
    return emf instanceof EntityManagerFactoryInfo info
        ? info.getNativeEntityManagerFactory()
        : emf;
  }
}
