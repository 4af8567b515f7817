package dev.pgmq.it.cdi;

import dev.pgmq.outbox.health.HealthThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** An application's health limits: no dead letters at all. */
@ApplicationScoped
public class StrictHealthThresholds {

  @Produces
  HealthThresholds thresholds() {
    return HealthThresholds.none().withMaxDeadLetters(0);
  }
}
