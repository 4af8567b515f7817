package dev.pgmq.it.cdi;

import dev.pgmq.jpa.Pgmq;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Injects Pgmq; deployed without any EntityManager bean to show the deployment error. */
@ApplicationScoped
public class PgmqUser {

  @Inject Pgmq pgmq;
}
