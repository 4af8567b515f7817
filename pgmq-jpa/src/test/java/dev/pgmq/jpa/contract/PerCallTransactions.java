package dev.pgmq.jpa.contract;

import dev.pgmq.jpa.AsyncPgmq;
import dev.pgmq.jpa.Pgmq;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Test views of {@link Pgmq} that run each call in a transaction of its own. */
final class PerCallTransactions {

  private PerCallTransactions() {}

  /**
   * {@code Pgmq.using(em)} on a fresh EntityManager per call, in a resource-local transaction that
   * the test commits (or rolls back on failure) after the call.
   */
  static Pgmq using(EntityManagerFactory emf) {
    return (Pgmq)
        Proxy.newProxyInstance(
            Pgmq.class.getClassLoader(),
            new Class<?>[] {Pgmq.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(emf, args);
              }
              EntityManager em = emf.createEntityManager();
              try {
                em.getTransaction().begin();
                Object result;
                try {
                  result = method.invoke(Pgmq.using(em), args);
                } catch (InvocationTargetException e) {
                  em.getTransaction().rollback();
                  throw e.getCause();
                }
                em.getTransaction().commit();
                return result;
              } finally {
                em.close();
              }
            });
  }

  /** Every call goes through {@code async.call(p -> p.operation(...))} and waits for it. */
  static Pgmq blockingOn(AsyncPgmq async) {
    return (Pgmq)
        Proxy.newProxyInstance(
            Pgmq.class.getClassLoader(),
            new Class<?>[] {Pgmq.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(async, args);
              }
              CompletableFuture<?> future =
                  async.call(
                      p -> {
                        try {
                          return method.invoke(p, args);
                        } catch (InvocationTargetException e) {
                          throw sneaky(e.getCause());
                        } catch (IllegalAccessException e) {
                          throw new IllegalStateException(e);
                        }
                      });
              try {
                return future.join();
              } catch (CompletionException e) {
                throw e.getCause();
              }
            });
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
