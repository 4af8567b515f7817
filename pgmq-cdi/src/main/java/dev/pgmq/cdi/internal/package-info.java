/**
 * The beans, transaction runner and listener runtime behind {@link dev.pgmq.cdi}. Private to the
 * library: may change in any release.
 */
package dev.pgmq.cdi.internal;
