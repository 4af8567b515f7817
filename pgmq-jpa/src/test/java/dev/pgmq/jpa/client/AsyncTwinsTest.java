package dev.pgmq.jpa.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.AsyncPgmq;
import dev.pgmq.jpa.Pgmq;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AsyncTwinsTest {

  @Test
  void everyPgmqOperationHasAnAsyncTwinReturningAFutureOfItsResult() {
    List<String> missing = new ArrayList<>();
    for (Method op : Pgmq.class.getMethods()) {
      if (Modifier.isStatic(op.getModifiers())) {
        continue;
      }
      Method twin;
      try {
        twin = AsyncPgmq.class.getMethod(op.getName(), op.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(op.getName() + Arrays.toString(op.getParameterTypes()));
        continue;
      }
      assertThat(twin.getReturnType()).as(twin.toString()).isEqualTo(CompletableFuture.class);
      Type result = ((ParameterizedType) twin.getGenericReturnType()).getActualTypeArguments()[0];
      assertThat(result.getTypeName())
          .as("result type of " + twin)
          .isEqualTo(boxed(op.getGenericReturnType()).getTypeName());
    }
    assertThat(missing).as("Pgmq operations without an async twin").isEmpty();
  }

  private static Type boxed(Type t) {
    if (t == long.class) {
      return Long.class;
    }
    if (t == int.class) {
      return Integer.class;
    }
    if (t == boolean.class) {
      return Boolean.class;
    }
    if (t == void.class) {
      return Void.class;
    }
    return t;
  }
}
