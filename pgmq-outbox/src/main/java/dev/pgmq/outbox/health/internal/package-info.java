/** Implementation of the health check; internal, may change at any time. */
package dev.pgmq.outbox.health.internal;
