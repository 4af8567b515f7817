/**
 * OpenTelemetry tracing of the outbox and the consumers, for application code: {@link
 * dev.pgmq.outbox.opentelemetry.PgmqOpenTelemetry}. Optional: needs {@code
 * io.opentelemetry:opentelemetry-api} on the class path, which pgmq-outbox does not bring.
 */
package dev.pgmq.outbox.opentelemetry;
