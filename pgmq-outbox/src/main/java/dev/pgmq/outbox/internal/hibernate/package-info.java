/**
 * The Hibernate wiring of the outbox (integrator and event listeners): not for application code,
 * may change in any release.
 */
package dev.pgmq.outbox.internal.hibernate;
