package dev.pgmq.spring.bare;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with no PGMQ code of its own: only the starter's beans. */
@SpringBootApplication
public class BareApp {}
