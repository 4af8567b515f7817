package dev.pgmq.cdi.internal;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's {@code ManagedThreadFactory} (Jakarta Concurrency), whose threads carry the
 * application's context ({@code java:comp}, class loader, security): a CDI bean when the container
 * offers one, else {@code java:comp/DefaultManagedThreadFactory}; without either, new daemon
 * threads. Looked up without a compile-time dependency on the Concurrency API.
 */
final class ManagedThreads {

  static final String JNDI_NAME = "java:comp/DefaultManagedThreadFactory";
  private static final String API = "jakarta.enterprise.concurrent.ManagedThreadFactory";

  private ManagedThreads() {}

  /** The container's managed thread factory, or {@code null} when it has none. */
  static ThreadFactory find(BeanManager beanManager) {
    Class<?> api;
    try {
      api = Class.forName(API, false, ManagedThreads.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError absent) {
      return null;
    }
    try {
      Instance<?> beans = beanManager.createInstance().select(api);
      if (beans.isResolvable() && beans.get() instanceof ThreadFactory bean) {
        return bean;
      }
    } catch (RuntimeException noBean) {
      // fall through to JNDI
    }
    try {
      Object found = new InitialContext().lookup(JNDI_NAME);
      return found instanceof ThreadFactory factory ? factory : null;
    } catch (NamingException | RuntimeException noJndi) {
      return null;
    }
  }

  /** {@code found}, or a factory of daemon threads when it is {@code null}. */
  static ThreadFactory orDaemons(ThreadFactory found) {
    if (found != null) {
      return found;
    }
    return runnable -> {
      Thread thread = new Thread(runnable);
      thread.setDaemon(true);
      return thread;
    };
  }
}
