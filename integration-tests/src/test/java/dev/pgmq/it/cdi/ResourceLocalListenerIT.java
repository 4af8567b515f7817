package dev.pgmq.it.cdi;

import dev.pgmq.test.TestDatabase;
import org.jboss.weld.environment.se.WeldContainer;

/** Listeners whose transactions are resource-local (a request-scoped EntityManager). */
class ResourceLocalListenerIT extends ListenerContract {

  ResourceLocalListenerIT(TestDatabase db) {
    super(db);
  }

  @Override
  Class<?>[] application() {
    return new Class<?>[] {LocalPersistence.class, LocalOrderService.class};
  }

  @Override
  long placeOrder(WeldContainer container, String customer) {
    return container.select(LocalOrderService.class).get().placeOrder(customer);
  }
}
