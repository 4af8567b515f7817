/**
 * Extension points of the outbox, for integrators: {@link dev.pgmq.outbox.spi.QueueRouter} decides
 * where events go, {@link dev.pgmq.outbox.spi.TraceContextProvider} supplies the W3C trace context
 * written into the envelope and may wrap each send in a {@link dev.pgmq.outbox.spi.SendSpan}.
 */
package dev.pgmq.outbox.spi;
