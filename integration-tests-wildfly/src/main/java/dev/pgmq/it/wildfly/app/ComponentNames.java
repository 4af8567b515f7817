package dev.pgmq.it.wildfly.app;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Which {@code java:comp} names the calling thread can look up: the container sets them up only on
 * its own (managed) threads.
 *
 * @param userTransaction {@code java:comp/UserTransaction} resolves
 * @param defaultDataSource {@code java:comp/DefaultDataSource} resolves
 */
public record ComponentNames(boolean userTransaction, boolean defaultDataSource) {

  /** Looks the names up on the calling thread. */
  public static ComponentNames lookUp() {
    return new ComponentNames(
        resolves("java:comp/UserTransaction"), resolves("java:comp/DefaultDataSource"));
  }

  private static boolean resolves(String name) {
    try {
      return new InitialContext().lookup(name) != null;
    } catch (NamingException | RuntimeException notVisible) {
      return false;
    }
  }
}
