package techbridge;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * H2Backend whose writes are durable when acknowledged. H2's MVStore commits in the background about
 * once a second by default, so a SIGKILL can lose the last second of acknowledged writes. Here the
 * background commit is off and every write command commits the store before its reply is returned
 * (the reply is sent only after handleCommand returns), one write at a time. The file is written through the OS, so a killed
 * process loses nothing; a power cut may still lose what the OS had not flushed.
 */
final class DurableH2Backend extends H2Backend {
  private static final Set<String> WRITES = Set.of(
      "insert", "update", "delete", "findandmodify", "create", "createindexes", "drop", "dropindexes",
      "dropdatabase", "renamecollection");

  private final boolean commitEachWrite;

  private DurableH2Backend(MVStore store, boolean commitEachWrite) {
    super(store);
    this.commitEachWrite = commitEachWrite;
  }

  static DurableH2Backend open(String file, boolean commitEachWrite) {
    MVStore.Builder builder = new MVStore.Builder().fileName(file);
    if (commitEachWrite) builder.autoCommitDisabled();
    return new DurableH2Backend(builder.open(), commitEachWrite);
  }

  private final Object writeLock = new Object();

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    if (!commitEachWrite || !WRITES.contains(command.toLowerCase())) return super.handleCommand(channel, database, command, query);
    // One write at a time, each followed by its commit: a commit must never capture another write half
    // done (a document stored without its unique-index entry), which a crash would then make permanent.
    // MongoDB applies a write and its index entries atomically; this keeps that true after a SIGKILL.
    synchronized (writeLock) {
      Document reply = super.handleCommand(channel, database, command, query);
      commit();
      return reply;
    }
  }
}
