/** The order-service demo as a Spring Boot application on the pgmq-spring-boot starter. */
package dev.pgmq.example.spring;
