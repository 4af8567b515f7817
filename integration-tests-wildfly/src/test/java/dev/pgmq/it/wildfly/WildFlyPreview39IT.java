package dev.pgmq.it.wildfly;

import java.nio.file.Path;

/**
 * The sample WAR on WildFly Preview 39 (Jakarta EE 11): the server's Hibernate ORM 7.1, JPA 3.2.
 */
class WildFlyPreview39IT extends WildFlyContract {

  @Override
  Path home() {
    return Path.of(System.getProperty("wildfly-preview.home"));
  }
}
