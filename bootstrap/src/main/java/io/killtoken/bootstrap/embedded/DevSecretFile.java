package io.killtoken.bootstrap.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A development secret (master keyset, session signing secret) kept in the data folder: read, or
 * generated on first start into a file only its owner can read, always with a loud warning. Never
 * used in production mode, which requires the real secrets.
 */
public final class DevSecretFile {

  private static final Logger LOG = LoggerFactory.getLogger(DevSecretFile.class);

  private DevSecretFile() {}

  /**
   * @param variable the environment variable that replaces this file in production
   */
  public static String loadOrCreate(Path file, String variable, Supplier<String> generator) {
    try {
      DataFolder.ensure(file.toAbsolutePath().getParent());
      if (!Files.exists(file)) {
        create(file, generator.get());
      }
      LOG.warn(
          "!!! DEVELOPMENT SECRET IN USE ({}): it sits next to the data it protects. Set {} (or"
              + " {}_FILE) before storing real keys; KILLTOKEN_ENV=production refuses to start"
              + " without it. !!!",
          file,
          variable,
          variable);
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the development secret " + file, e);
    }
  }

  private static void create(Path file, String secret) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException raced) {
      return;
    }
    Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    LOG.warn("generated a new development secret at {}", file);
  }
}
