/**
 * For modules built on pgmq-jpa (the outbox, the consumers, the CDI and Spring integrations, the
 * test kit), not for applications: the PGMQ statements they run outside the {@link
 * dev.pgmq.jpa.Pgmq} operations, over the same statement layer (SQL text, binding, SQLSTATE
 * translation into {@link dev.pgmq.jpa.PgmqException} subtypes), plus the queue-name rule and the
 * payload JSON codec. Stable across minor releases; {@code dev.pgmq.jpa.internal} is not, and no
 * other module uses it.
 */
package dev.pgmq.jpa.spi;
