package dev.pgmq.spring.internal;

import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.PgmqListener;
import dev.pgmq.outbox.listener.spi.ListenerConsumers;
import dev.pgmq.outbox.listener.spi.ListenerMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link PgmqListener} methods of the beans of a context from their types, without
 * creating any bean; the instance is looked up when a message arrives (once, for a singleton).
 */
public final class ListenerScanner {

  private ListenerScanner() {}

  /**
   * The checked listener methods of {@code beanFactory}'s beans.
   *
   * @throws ListenerDefinitionException naming the first method that cannot run as declared
   */
  public static List<ListenerConsumers.Endpoint> scan(ConfigurableListableBeanFactory beanFactory) {
    List<ListenerConsumers.Endpoint> endpoints = new ArrayList<>();
    for (String name : beanFactory.getBeanDefinitionNames()) {
      BeanDefinition definition = beanFactory.getBeanDefinition(name);
      if (definition.isAbstract() || definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
        continue;
      }
      Class<?> type = beanFactory.getType(name, false);
      if (type == null) {
        continue;
      }
      Class<?> userClass = ClassUtils.getUserClass(type);
      Map<Method, PgmqListener> methods =
          MethodIntrospector.selectMethods(
              userClass,
              (MethodIntrospector.MetadataLookup<PgmqListener>)
                  m -> m.getAnnotation(PgmqListener.class));
      if (methods.isEmpty()) {
        continue;
      }
      if (Proxy.isProxyClass(type)) {
        throw new ListenerDefinitionException(
            ListenerMethod.describe(methods.keySet().iterator().next())
                + ": bean '"
                + name
                + "' is a JDK interface proxy, on which the method cannot be called; let Spring"
                + " proxy the class (spring.aop.proxy-target-class=true, the default)");
      }
      Supplier<Object> target = target(beanFactory, name, definition.isSingleton());
      for (Method method : methods.keySet()) {
        endpoints.add(new ListenerConsumers.Endpoint(ListenerMethod.of(method), target));
      }
    }
    return endpoints;
  }

  private static Supplier<Object> target(
      ConfigurableListableBeanFactory beanFactory, String name, boolean singleton) {
    if (!singleton) {
      return () -> beanFactory.getBean(name);
    }
    return new Supplier<>() {
      private volatile Object instance;

      @Override
      public Object get() {
        Object bean = instance;
        if (bean == null) {
          bean = beanFactory.getBean(name);
          instance = bean;
        }
        return bean;
      }
    };
  }
}
