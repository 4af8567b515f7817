package dev.pgmq.cdi.internal;

import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.reflect.Method;

/** One checked {@link PgmqListener} method and the CDI bean that declares it. Immutable. */
public record ListenerMethod(Bean<?> bean, dev.pgmq.outbox.listener.spi.ListenerMethod definition) {

  /**
   * Checks {@code method} of {@code bean}.
   *
   * @throws ListenerDefinitionException naming the method and what is wrong
   */
  public static ListenerMethod of(Bean<?> bean, Method method) {
    return new ListenerMethod(bean, dev.pgmq.outbox.listener.spi.ListenerMethod.of(method));
  }
}
