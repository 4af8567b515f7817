package dev.pgmq.it.cdi;

import dev.pgmq.test.TestDatabase;
import org.jboss.weld.environment.se.WeldContainer;

/** Listeners whose transactions are JTA (Narayana, a {@code @TransactionScoped} EntityManager). */
class JtaListenerIT extends ListenerContract {

  JtaListenerIT(TestDatabase db) {
    super(db);
  }

  @Override
  Class<?>[] application() {
    return new Class<?>[] {JtaPersistence.class, OrderService.class};
  }

  @Override
  long placeOrder(WeldContainer container, String customer) {
    return container.select(OrderService.class).get().placeOrder(customer);
  }
}
