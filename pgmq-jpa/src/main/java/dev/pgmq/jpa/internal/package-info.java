/**
 * Implementation of {@code dev.pgmq.jpa} and {@code dev.pgmq.jpa.spi}: private to this library and
 * free to change in any release. Application code uses only {@code dev.pgmq.jpa}; sibling modules
 * use {@code dev.pgmq.jpa.spi}. The few public types here are the implementations those packages'
 * factories return.
 */
package dev.pgmq.jpa.internal;
