package dev.pgmq.it.wildfly;

import java.nio.file.Path;

/** The sample WAR on WildFly 39 (Jakarta EE 10): the server's Hibernate ORM 6.6, JPA 3.1. */
class WildFly39IT extends WildFlyContract {

  @Override
  Path home() {
    return Path.of(System.getProperty("wildfly.home"));
  }
}
