/**
 * Health of PGMQ queues for application code and container bindings: {@link
 * dev.pgmq.outbox.health.PgmqHealth#check()} reports in one call, per queue, whether PGMQ is
 * installed (and its version), the queue depth, the age of the oldest message, the dead-letter
 * queue depth and whether the queue's consumers run, against configurable {@link
 * dev.pgmq.outbox.health.HealthThresholds}. Plain Java; the CDI module binds it to MicroProfile
 * Health, the Spring Boot starter to Actuator.
 */
package dev.pgmq.outbox.health;
