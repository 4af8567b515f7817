package dev.pgmq.cdi.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.function.Supplier;

/**
 * The instance a listener method is called on: one instance for the consumer's life when the bean
 * is {@code @Dependent}, else the bean's instance in its context at each call (so a
 * {@code @RequestScoped} listener gets the request of the message). Thread-safe after {@link
 * #start()}.
 */
final class BeanTarget implements Supplier<Object> {

  private final Bean<?> bean;
  private final BeanManager beanManager;
  private volatile CreationalContext<?> creational;
  private volatile Object dependent;

  BeanTarget(Bean<?> bean, BeanManager beanManager) {
    this.bean = bean;
    this.beanManager = beanManager;
  }

  void start() {
    if (bean.getScope() == Dependent.class) {
      CreationalContext<?> cc = beanManager.createCreationalContext(bean);
      creational = cc;
      dependent = beanManager.getReference(bean, bean.getBeanClass(), cc);
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object get() {
    if (dependent != null) {
      return dependent;
    }
    // the context keeps the creational context with an instance it creates and releases both
    Context context = beanManager.getContext(bean.getScope());
    return context.get((Bean) bean, beanManager.createCreationalContext(bean));
  }

  void release() {
    CreationalContext<?> cc = creational;
    if (cc != null) {
      cc.release();
    }
    creational = null;
    dependent = null;
  }
}
