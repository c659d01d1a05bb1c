package io.killtoken.bootstrap.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;

/**
 * The H2 file backend of the embedded store, made durable per command: whatever a command changed
 * is committed to the file before its reply is sent, so an acknowledged write survives a crash of
 * the process. By itself the MVStore writes its changes only about once a second (its auto-commit
 * delay), and a {@code kill -9} lost every write of that last second.
 *
 * <p>The commit writes to the file (the operating system's page cache) without forcing it to the
 * disk: it survives the process dying, not the machine losing power. That is the embedded defaults'
 * promise; production runs a MongoDB cluster with its own journal.
 */
final class CommittingH2Backend extends H2Backend {

  CommittingH2Backend(String fileName) {
    super(fileName);
  }

  /** Every command of a current driver (OP_MSG) comes this way, reads and writes alike. */
  @Override
  public Document handleMessage(MongoMessage message) {
    try {
      return super.handleMessage(message);
    } finally {
      // Also after a failed command: an unordered insert can fail for one document and store the
      // others. Reads change nothing, so they cost one check. Another connection's changes made
      // meanwhile are committed with these, which only makes them durable sooner.
      if (getMvStore().hasUnsavedChanges()) {
        commit();
      }
    }
  }
}
