package dev.pgmq.spring.internal;

import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/** Virtual threads for the consumers when the application asked for them (Java 21+). */
public final class VirtualThreads {

  private VirtualThreads() {}

  /**
   * Per queue, a factory of virtual threads when {@code spring.threads.virtual.enabled=true} on
   * Java 21 or later; else {@code null} (the consumers' own platform threads).
   */
  public static Function<String, ThreadFactory> factoryPerQueue(Environment environment) {
    // what Boot's Threading.VIRTUAL checks; that enum moved between Boot 3.x and 4.x
    boolean enabled =
        environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false);
    if (!enabled || Runtime.version().feature() < 21) {
      return queue -> null;
    }
    return queue ->
        new VirtualThreadTaskExecutor("pgmq-consumer-" + queue + "-").getVirtualThreadFactory();
  }
}
