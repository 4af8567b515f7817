package dev.pgmq.it.cdi;

import org.jboss.weld.environment.se.WeldContainer;

/**
 * The order service in Java SE without JTA (Weld SE, a request-scoped EntityManager and its
 * resource-local transaction): the injected Outbox and Pgmq join that transaction.
 */
class ResourceLocalOutboxIT extends OutboxServiceContract {

  @Override
  Class<?>[] application() {
    return new Class<?>[] {LocalPersistence.class, LocalOrderService.class};
  }

  @Override
  long placeOrder(WeldContainer container, String customer) {
    return container.select(LocalOrderService.class).get().placeOrder(customer);
  }

  @Override
  void placeOrderThenFail(WeldContainer container, String customer) {
    container.select(LocalOrderService.class).get().placeOrderThenFail(customer);
  }
}
