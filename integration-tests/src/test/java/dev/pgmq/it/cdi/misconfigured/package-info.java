/** Listener beans that a deployment must refuse, one mistake each. */
package dev.pgmq.it.cdi.misconfigured;
