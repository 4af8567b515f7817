package dev.pgmq.outbox.internal;

import dev.pgmq.outbox.OutboxConfig;
import dev.pgmq.outbox.OutboxSettings;
import dev.pgmq.outbox.spi.QueueRouter;
import dev.pgmq.outbox.spi.TraceContextProvider;
import java.util.Map;
import java.util.function.Function;

/** Reads {@link OutboxSettings} from Hibernate's properties into an {@link OutboxConfig}. */
public final class SettingsReader {

  private SettingsReader() {}

  /** Whether the outbox is enabled ({@link OutboxSettings#ENABLED}, default true). */
  public static boolean enabled(Map<String, Object> properties) {
    return bool(properties, OutboxSettings.ENABLED, true);
  }

  /**
   * The configuration the properties describe.
   *
   * @param classes loads a class by name (the persistence unit's class loader)
   * @throws IllegalArgumentException naming the setting that is invalid
   */
  public static OutboxConfig read(
      Map<String, Object> properties, Function<String, Class<?>> classes) {
    Object config = properties.get(OutboxSettings.CONFIG);
    if (config != null) {
      if (config instanceof OutboxConfig c) {
        return c;
      }
      throw new IllegalArgumentException(
          OutboxSettings.CONFIG + " must be an OutboxConfig instance, was " + config.getClass());
    }
    OutboxConfig.Builder b = OutboxConfig.builder();
    Object queue = properties.get(OutboxSettings.DEFAULT_QUEUE);
    if (queue != null && !queue.toString().isBlank()) {
      b.defaultQueue(queue.toString().trim());
    }
    QueueRouter router = instance(properties, OutboxSettings.ROUTER, QueueRouter.class, classes);
    if (router != null) {
      b.router(router);
    }
    TraceContextProvider trace =
        instance(properties, OutboxSettings.TRACE_CONTEXT, TraceContextProvider.class, classes);
    if (trace != null) {
      b.traceContext(trace);
    }
    b.groupByAggregate(bool(properties, OutboxSettings.GROUP_BY_AGGREGATE, true));
    b.requireTopicBinding(bool(properties, OutboxSettings.REQUIRE_TOPIC_BINDING, true));
    b.dedup(bool(properties, OutboxSettings.DEDUP_ENABLED, false));
    b.directInsert(bool(properties, OutboxSettings.DIRECT_INSERT, true));
    Object table = properties.get(OutboxSettings.DEDUP_TABLE);
    if (table != null) {
      b.dedupTable(table.toString().trim());
    }
    return b.build();
  }

  private static boolean bool(Map<String, Object> properties, String name, boolean dflt) {
    Object v = properties.get(name);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException(name + " must be true or false, was '" + s + "'");
  }

  private static <T> T instance(
      Map<String, Object> properties,
      String name,
      Class<T> type,
      Function<String, Class<?>> classes) {
    Object v = properties.get(name);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    Class<?> cls = v instanceof Class<?> c ? c : classes.apply(v.toString().trim());
    if (!type.isAssignableFrom(cls)) {
      throw new IllegalArgumentException(name + " must name a " + type.getName() + ", was " + cls);
    }
    try {
      return type.cast(cls.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          name + ": could not instantiate " + cls.getName() + " (public no-arg constructor?)", e);
    }
  }
}
