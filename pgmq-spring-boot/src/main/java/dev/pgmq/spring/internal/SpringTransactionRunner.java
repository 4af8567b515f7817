package dev.pgmq.spring.internal;

import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consumer's transactions as Spring transactions: each unit of work runs in a new transaction
 * of the application's {@link PlatformTransactionManager} ({@code REQUIRES_NEW}), on the {@code
 * EntityManager} Spring bound to it, so beans the handler calls ({@code @Transactional} services,
 * repositories, the shared {@code EntityManager}, the {@code Pgmq} and {@code Outbox} beans) join
 * it and commit with the acknowledgement. Thread-safe.
 */
public final class SpringTransactionRunner implements TransactionRunner {

  private final TransactionTemplate template;
  private final EntityManagerFactory entityManagerFactory;

  /** Transactions of {@code transactionManager}, which must manage {@code entityManagerFactory}. */
  public SpringTransactionRunner(
      PlatformTransactionManager transactionManager, EntityManagerFactory entityManagerFactory) {
    this.template = new TransactionTemplate(transactionManager);
    this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.template.setName("pgmq-consumer");
    this.entityManagerFactory =
        Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
  }

  @Override
  public <R> R inTransaction(Work<R> work) throws Exception {
    Throwable[] failure = new Throwable[1];
    R result =
        template.execute(
            status -> {
              EntityManager em =
                  EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagerFactory);
              if (em == null) {
                throw new IllegalStateException(
                    "the transaction manager bound no EntityManager of the application's"
                        + " EntityManagerFactory to the transaction: give the consumers the"
                        + " JpaTransactionManager (or JtaTransactionManager) of that factory");
              }
              try {
                return work.run(em);
              } catch (Throwable t) {
                // roll back without letting the template wrap a checked exception: the consumer
                // classifies exactly what the work threw
                failure[0] = t;
                status.setRollbackOnly();
                return null;
              }
            });
    Throwable t = failure[0];
    if (t instanceof Exception e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
    return result;
  }
}
