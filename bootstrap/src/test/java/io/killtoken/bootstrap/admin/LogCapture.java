package io.killtoken.bootstrap.admin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.killtoken.bootstrap.logging.RedactingJsonEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Captures what the application logs, encoded exactly as production logs are, at every level, so a
 * test can search the log output for secrets.
 */
final class LogCapture implements AutoCloseable {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final Logger root;
  private final ch.qos.logback.classic.Level previous;

  LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    RedactingJsonEncoder encoder = new RedactingJsonEncoder();
    encoder.setContext(context);
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    root.addAppender(appender);
  }

  String text() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(previous);
    appender.stop();
  }
}
