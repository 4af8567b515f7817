package dev.pgmq.spring;

import java.lang.reflect.Method;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * Reads the {@code pgmq} health through Actuator's own registry, on Boot 3.x and 4.x alike (their
 * health types live in different packages).
 */
final class HealthProbe {

  private static final String[] REGISTRIES = {
    "org.springframework.boot.health.registry.HealthContributorRegistry",
    "org.springframework.boot.actuate.health.HealthContributorRegistry"
  };

  record Result(String status, Map<String, Object> details) {}

  private HealthProbe() {}

  /** The {@code pgmq} contributor of the application's health registry, checked now. */
  @SuppressWarnings("unchecked")
  static Result pgmq(ApplicationContext app) throws Exception {
    Object registry = registry(app);
    Object contributor =
        registry.getClass().getMethod("getContributor", String.class).invoke(registry, "pgmq");
    if (contributor == null) {
      throw new AssertionError("no 'pgmq' contributor in " + registry);
    }
    Method healthMethod = contributor.getClass().getMethod("health");
    Object health = healthMethod.invoke(contributor);
    Object status = health.getClass().getMethod("getStatus").invoke(health);
    String code = (String) status.getClass().getMethod("getCode").invoke(status);
    Map<String, Object> details =
        (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health);
    return new Result(code, details);
  }

  private static Object registry(ApplicationContext app) throws ClassNotFoundException {
    for (String name : REGISTRIES) {
      try {
        Class<?> type = Class.forName(name);
        return app.getBean(type);
      } catch (ClassNotFoundException absent) {
        // the other Boot line
      }
    }
    throw new ClassNotFoundException("no HealthContributorRegistry of Boot 3.x or 4.x");
  }
}
