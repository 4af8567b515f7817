/** The starter's implementation; free to change, not for applications. */
package dev.pgmq.spring.internal;
