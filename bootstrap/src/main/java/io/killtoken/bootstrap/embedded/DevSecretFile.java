package io.killtoken.bootstrap.embedded;

import io.killtoken.adapters.crypto.secret.MasterKeyset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development master keyset: read from the data folder, or generated there on first start (file
 * mode 600) with a loud warning. Never used in production mode, which requires a real keyset.
 */
public final class DevMasterKeyset {

  static final String FILE_NAME = "dev-master-keyset.json";
  private static final Logger LOG = LoggerFactory.getLogger(DevMasterKeyset.class);

  private DevMasterKeyset() {}

  public static MasterKeyset loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
      warn(file);
      return MasterKeyset.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the development keyset " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    String json = MasterKeyset.generate().toJson();
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException raced) {
      return;
    }
    Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    LOG.warn("generated a new development master keyset at {}", file);
  }

  private static void warn(Path file) {
    LOG.warn(
        "!!! DEVELOPMENT MASTER KEYSET IN USE ({}): provider credentials are sealed with a key that"
            + " sits next to the data. Set KILLTOKEN_MASTER_KEYSET (or _FILE) before storing real"
            + " keys; KILLTOKEN_ENV=production refuses to start without it. !!!",
        file);
  }
}
