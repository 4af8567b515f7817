package dev.pgmq.example;

/**
 * Command-line options of the demo.
 *
 * @param orders how many orders to place
 * @param producers producer threads
 * @param workers consumer worker threads
 */
public record DemoOptions(int orders, int producers, int workers) {

  /** Checks the values. */
  public DemoOptions {
    if (orders < 1) {
      throw new IllegalArgumentException("--orders must be >= 1, was " + orders);
    }
    if (producers < 1) {
      throw new IllegalArgumentException("--producers must be >= 1, was " + producers);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be >= 1, was " + workers);
    }
  }

  /** Parses {@code --orders N --producers N --workers N}; defaults 3000, 4, 4. */
  public static DemoOptions parse(String... args) {
    int orders = 3000;
    int producers = 4;
    int workers = 4;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.isBlank()) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + arg);
      }
      int value;
      try {
        value = Integer.parseInt(args[++i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(arg + " needs a number, was '" + args[i] + "'", e);
      }
      switch (arg) {
        case "--orders" -> orders = value;
        case "--producers" -> producers = value;
        case "--workers" -> workers = value;
        default ->
            throw new IllegalArgumentException(
                "unknown option " + arg + " (use --orders, --producers, --workers)");
      }
    }
    return new DemoOptions(orders, producers, workers);
  }
}
