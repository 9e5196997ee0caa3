package techbridge;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts mongo-java-server on 127.0.0.1.
 *
 * <pre>java -cp "classes:lib/*" techbridge.Main --port 27117 [--file .data/db/techbridge.mv] [--lazy-commit]</pre>
 *
 * With --file the data lives in an H2 MVStore file and every acknowledged write is committed to it
 * before the reply goes out (see DurableH2Backend), so a SIGKILL loses nothing that was acknowledged.
 * Without --file the data lives in memory (throwaway test servers). Prints "ready <port>" once listening.
 */
public final class Main {
  /**
   * Sources whose records are dropped: a client hanging up, a command that failed (the error is in
   * the reply the client gets, e.g. two api instances creating the same collection at start), and
   * the H2 backend's note for every non-unique index it skips (those indexes are for real MongoDB;
   * docs/database.md lists them).
   */
  private static final Set<String> QUIET = Set.of(
      "de.bwaldvogel.mongo.wire.MongoExceptionHandler",
      "de.bwaldvogel.mongo.wire.MongoDatabaseHandler",
      "de.bwaldvogel.mongo.backend.AbstractMongoDatabase");

  public static void main(String[] args) {
    int port = 27017;
    String file = null;
    boolean lazyCommit = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--file" -> file = args[++i];
        case "--lazy-commit" -> lazyCommit = true;
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    // The server logs every connection at INFO; only real problems are worth a line in our terminals.
    Logger.getLogger("").setLevel(Level.WARNING);
    for (var h : Logger.getLogger("").getHandlers()) {
      h.setLevel(Level.WARNING);
      h.setFilter(r -> !QUIET.contains(r.getLoggerName()) && !QUIET.contains(r.getSourceClassName()));
    }

    MongoBackend backend = file == null ? new MemoryBackend() : DurableH2Backend.open(file, !lazyCommit);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    // On SIGTERM: stop accepting and close the store (a final commit). Netty's graceful shutdown would
    // wait seconds for quiet event loops; the JVM exits as soon as this hook returns.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stopListening();
      backend.close();
    }, "shutdown"));
    System.out.println("ready " + port);
    System.out.flush();
  }
}
