package io.killtoken.bootstrap.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder of the embedded defaults ({@code KILLTOKEN_DATA_DIR}): the MongoDB-wire store's
 * file and the development secrets. Only its owner may enter it (0700), like the secret files in
 * it; a folder an older version left open to others is closed at start.
 */
public final class DataFolder {

  private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private DataFolder() {}

  /** Creates the folder (and missing parents) owner-only, or makes an existing one owner-only. */
  public static Path ensure(Path folder) {
    Path absolute = folder.toAbsolutePath();
    boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(absolute)) {
        FileAttribute<?>[] ownerOnly =
            posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Files.createDirectories(absolute, ownerOnly);
      }
      if (posix) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(absolute, PosixFileAttributeView.class);
        // The umask may have narrowed what createDirectories asked for, never widened it; an
        // existing folder may be open to others.
        if (!view.readAttributes().permissions().equals(OWNER_ONLY)) {
          view.setPermissions(OWNER_ONLY);
          LOG.warn("data folder {} was open to other users: it is now owner-only (0700)", folder);
        }
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + folder, e);
    }
  }
}
