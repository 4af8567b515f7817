/** Implementation of the outbox: not for application code, may change in any release. */
package dev.pgmq.outbox.internal;
