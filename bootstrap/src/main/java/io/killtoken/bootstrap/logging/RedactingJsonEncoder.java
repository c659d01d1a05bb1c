package io.killtoken.bootstrap.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.killtoken.domain.secret.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes each log event as one JSON object per line — time, level, logger, thread, request id,
 * message, error — with every text passed through {@link Redaction}, so that a key, password or
 * Authorization header logged by mistake never reaches the log.
 */
public final class RedactingJsonEncoder extends EncoderBase<ILoggingEvent> {

  private static final byte[] NONE = new byte[0];
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      Map<String, String> mdc = event.getMDCPropertyMap();
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        json.writeStringField(entry.getKey(), Redaction.redact(entry.getValue()));
      }
      json.writeStringField("msg", Redaction.redact(event.getFormattedMessage()));
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        json.writeStringField("error", Redaction.redact(ThrowableProxyUtil.asString(error)));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
