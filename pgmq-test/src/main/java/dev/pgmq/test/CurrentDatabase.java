package dev.pgmq.test;

/** The database of the test running on this thread, set by {@link PgmqDatabaseExtension}. */
final class CurrentDatabase {

  private static final ThreadLocal<TestDatabase> CURRENT = new ThreadLocal<>();

  private CurrentDatabase() {}

  static void set(TestDatabase db) {
    CURRENT.set(db);
  }

  static void clear() {
    CURRENT.remove();
  }

  static TestDatabase get() {
    TestDatabase db = CURRENT.get();
    if (db == null) {
      throw new IllegalStateException(
          "no test database on this thread: annotate the test class with @PgmqDatabaseTest, or"
              + " pass the database (queue(db, name)) or a connection (queue(connection, name))");
    }
    return db;
  }
}
