/**
 * Extension points of the outbox, for integrators: {@link dev.pgmq.outbox.spi.QueueRouter} decides
 * where events go, {@link dev.pgmq.outbox.spi.TraceContextProvider} supplies the W3C trace context
 * written into the envelope and may wrap each send in a {@link dev.pgmq.outbox.spi.SendSpan};
 * {@link dev.pgmq.outbox.spi.PersistenceUnits} tells a container integration how the application's
 * persistence unit demarcates transactions.
 */
package dev.pgmq.outbox.spi;
