package dev.pgmq.spring.custom;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.outbox.Outbox;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** An application that defines its own PGMQ beans: the starter's back off. */
@SpringBootApplication
public class CustomBeansApp {

  @Bean
  Pgmq myPgmq(EntityManagerFactory emf) {
    return Pgmq.using(SharedEntityManagerCreator.createSharedEntityManager(emf));
  }

  @Bean
  Outbox myOutbox() {
    return new Outbox() {
      @Override
      public void publish(Object event) {}

      @Override
      public void publish(Object event, java.util.Map<String, ?> headers) {}
    };
  }

  @Bean(destroyMethod = "close")
  PgmqClient myClient(EntityManagerFactory emf) {
    return PgmqClient.create(emf);
  }
}
