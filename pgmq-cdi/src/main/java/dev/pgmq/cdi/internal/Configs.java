package dev.pgmq.cdi.internal;

import dev.pgmq.jpa.PgmqConfig;
import jakarta.enterprise.inject.Instance;

/** The application's {@link PgmqConfig} bean, or the defaults when it produces none. */
final class Configs {

  private Configs() {}

  static PgmqConfig of(Instance<PgmqConfig> configs) {
    return configs.isResolvable() ? configs.get() : PgmqConfig.defaults();
  }
}
