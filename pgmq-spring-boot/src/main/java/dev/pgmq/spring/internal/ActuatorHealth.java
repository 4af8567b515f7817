package dev.pgmq.spring.internal;

import dev.pgmq.outbox.health.HealthReport;
import dev.pgmq.outbox.health.HealthStatus;
import dev.pgmq.outbox.health.PgmqHealth;
import dev.pgmq.outbox.health.QueueHealth;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link PgmqHealth} as the {@code HealthIndicator} of the Spring Boot line on the class path:
 * Boot 3.x has it in {@code org.springframework.boot.actuate.health}, Boot 4.x in {@code
 * org.springframework.boot.health.contributor}, with the same methods. One jar serves both lines by
 * implementing whichever interface is present through a proxy. Thread-safe.
 */
public final class ActuatorHealth implements InvocationHandler {

  /** Boot 4.x's package of {@code HealthIndicator} and {@code Health}. */
  public static final String BOOT_4 = "org.springframework.boot.health.contributor";

  /** Boot 3.x's package of {@code HealthIndicator} and {@code Health}. */
  public static final String BOOT_3 = "org.springframework.boot.actuate.health";

  private final Supplier<PgmqHealth> health;
  private final Method up;
  private final Method down;
  private final Method withDetail;
  private final Method build;

  private ActuatorHealth(String pkg, ClassLoader loader, Supplier<PgmqHealth> health)
      throws ReflectiveOperationException {
    this.health = health;
    Class<?> healthClass = Class.forName(pkg + ".Health", false, loader);
    Class<?> builder = Class.forName(pkg + ".Health$Builder", false, loader);
    this.up = healthClass.getMethod("up");
    this.down = healthClass.getMethod("down");
    this.withDetail = builder.getMethod("withDetail", String.class, Object.class);
    this.build = builder.getMethod("build");
  }

  /** The {@code HealthIndicator} interface of package {@code pkg}. */
  public static Class<?> indicatorType(String pkg, ClassLoader loader) {
    try {
      return Class.forName(pkg + ".HealthIndicator", false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no " + pkg + ".HealthIndicator on the class path", e);
    }
  }

  /** A {@code HealthIndicator} of package {@code pkg} reporting {@code health}'s checks. */
  public static Object indicator(String pkg, ClassLoader loader, Supplier<PgmqHealth> health) {
    try {
      return Proxy.newProxyInstance(
          loader,
          new Class<?>[] {indicatorType(pkg, loader)},
          new ActuatorHealth(pkg, loader, health));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Health API of " + pkg + " is not the expected one", e);
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "health":
        if (args == null || args.length == 0) {
          return health(true);
        }
        return health((Boolean) args[0]);
      case "getHealth":
        return health((Boolean) args[0]);
      case "toString":
        return "PGMQ health indicator";
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      default:
        if (method.isDefault()) {
          return InvocationHandler.invokeDefault(proxy, method, args);
        }
        throw new UnsupportedOperationException(method.toString());
    }
  }

  private Object health(boolean includeDetails) throws ReflectiveOperationException {
    HealthReport report = health.get().check();
    Object b = (report.status() == HealthStatus.UP ? up : down).invoke(null);
    if (!includeDetails) {
      return build.invoke(b);
    }
    detail(b, "pgmqInstalled", report.pgmqInstalled());
    detail(b, "pgmqInstall", report.pgmqInstall());
    detail(b, "pgmqVersion", report.pgmqVersion());
    Map<String, Object> queues = new LinkedHashMap<>();
    for (QueueHealth q : report.queues()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("status", q.status().name());
      details.put("exists", q.exists());
      details.put("depth", q.depth());
      details.put("oldestMessageAgeSeconds", q.oldestMessageAge().toSeconds());
      details.put("deadLetterQueue", q.deadLetterQueue());
      details.put("deadLetters", q.deadLetterDepth());
      details.put("consumers", q.consumers());
      details.put("consumersRunning", q.consumersRunning());
      details.put("problems", q.problems());
      queues.put(q.queue(), details);
    }
    detail(b, "queues", queues);
    detail(b, "problems", report.allProblems());
    return build.invoke(b);
  }

  private void detail(Object builder, String key, Object value)
      throws ReflectiveOperationException {
    if (value != null) {
      withDetail.invoke(builder, key, value);
    }
  }
}
