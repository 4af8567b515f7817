package dev.pgmq.it.cdi;

import org.jboss.weld.environment.se.WeldContainer;

/** The order service as a {@code @Transactional} bean on JTA (Narayana, Weld SE). */
class JtaTransactionalOutboxIT extends OutboxServiceContract {

  @Override
  Class<?>[] application() {
    return new Class<?>[] {JtaPersistence.class, OrderService.class};
  }

  @Override
  long placeOrder(WeldContainer container, String customer) {
    return container.select(OrderService.class).get().placeOrder(customer);
  }

  @Override
  void placeOrderThenFail(WeldContainer container, String customer) {
    container.select(OrderService.class).get().placeOrderThenFail(customer);
  }
}
