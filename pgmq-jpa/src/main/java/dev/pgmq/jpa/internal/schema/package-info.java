/**
 * Internal: the SQL-only PGMQ installer behind {@link dev.pgmq.jpa.PgmqSchema}. Not for
 * applications; may change in any release.
 */
package dev.pgmq.jpa.internal.schema;
