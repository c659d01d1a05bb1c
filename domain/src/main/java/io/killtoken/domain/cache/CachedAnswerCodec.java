package io.killtoken.domain.cache;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.usage.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form of a {@link CachedAnswer}, the same bytes in every store, so that sizes, the size
 * cap and the stats mean one thing everywhere. Version 1, big-endian:
 *
 * <pre>
 * byte    version (1)
 * byte    flags: bit 0 set = payload compressed (zlib, which carries its own checksum)
 * int     payload length before compression
 * payload long created-at seconds, int nanos,
 *         long input, output and cached-input tokens, long cost in micro-dollars,
 *         then provider, model, finish reason and body, each an int length and UTF-8 bytes
 * </pre>
 *
 * A payload over {@link #COMPRESS_ABOVE} bytes is compressed when that makes it smaller.
 */
public final class CachedAnswerCodec {

  /** Payloads up to this size are stored as they are: compressing them saves too little. */
  public static final int COMPRESS_ABOVE = 1024;

  /**
   * The largest payload accepted before compression (32 MiB): decoding never allocates more, so a
   * damaged or forged entry claiming a huge size cannot exhaust memory.
   */
  public static final int MAX_PAYLOAD_BYTES = 32 << 20;

  private static final byte VERSION = 1;
  private static final byte COMPRESSED = 1;
  private static final int HEADER_BYTES = 6;

  private CachedAnswerCodec() {}

  /**
   * The stored form of {@code answer}, or empty when it is too large to cache: over {@link
   * ResponseCache#MAX_ENTRY_BYTES} once compressed, or over {@link #MAX_PAYLOAD_BYTES} before.
   */
  public static Optional<byte[]> encode(CachedAnswer answer) {
    byte[] provider = utf8(answer.provider().value());
    byte[] model = utf8(answer.model());
    byte[] finishReason = utf8(answer.finishReason());
    byte[] body = utf8(answer.body());
    long size =
        8L
            + 4
            + 4 * 8
            + 4L * 4
            + provider.length
            + model.length
            + finishReason.length
            + body.length;
    if (size > MAX_PAYLOAD_BYTES) {
      return Optional.empty();
    }
    ByteBuffer payload = ByteBuffer.allocate((int) size);
    payload.putLong(answer.createdAt().getEpochSecond()).putInt(answer.createdAt().getNano());
    TokenUsage usage = answer.usage();
    payload.putLong(usage.input()).putLong(usage.output()).putLong(usage.cachedInput());
    payload.putLong(answer.cost().value());
    for (byte[] text : new byte[][] {provider, model, finishReason, body}) {
      payload.putInt(text.length).put(text);
    }
    byte[] plain = payload.array();
    byte[] stored = plain.length > COMPRESS_ABOVE ? smaller(plain) : plain;
    if (HEADER_BYTES + stored.length > ResponseCache.MAX_ENTRY_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        ByteBuffer.allocate(HEADER_BYTES + stored.length)
            .put(VERSION)
            .put(stored == plain ? 0 : COMPRESSED)
            .putInt(plain.length)
            .put(stored)
            .array());
  }

  /**
   * The answer {@code stored} holds.
   *
   * @throws IllegalArgumentException if the bytes are not a readable version-1 entry (damaged,
   *     truncated, or written by a later version); the store should treat it as a miss
   */
  public static CachedAnswer decode(byte[] stored) {
    try {
      ByteBuffer in = ByteBuffer.wrap(stored);
      byte version = in.get();
      byte flags = in.get();
      int length = in.getInt();
      if (version != VERSION || (flags & ~COMPRESSED) != 0) {
        throw unreadable("an unknown version or flag");
      }
      if (length < 0 || length > MAX_PAYLOAD_BYTES) {
        throw unreadable("a payload length out of range");
      }
      byte[] rest = new byte[in.remaining()];
      in.get(rest);
      byte[] plain = flags == COMPRESSED ? inflate(rest, length) : rest;
      if (plain.length != length) {
        throw unreadable("a payload of the wrong length");
      }
      return read(ByteBuffer.wrap(plain));
    } catch (BufferUnderflowException | DateTimeException e) {
      throw unreadable("a truncated or damaged payload");
    }
  }

  private static CachedAnswer read(ByteBuffer payload) {
    Instant createdAt = Instant.ofEpochSecond(payload.getLong(), payload.getInt());
    TokenUsage usage = new TokenUsage(payload.getLong(), payload.getLong(), payload.getLong());
    MicroDollars cost = new MicroDollars(payload.getLong());
    ProviderId provider = new ProviderId(text(payload));
    String model = text(payload);
    String finishReason = text(payload);
    String body = text(payload);
    if (payload.hasRemaining()) {
      throw unreadable("bytes after the body");
    }
    return new CachedAnswer(body, finishReason, usage, cost, provider, model, createdAt);
  }

  private static String text(ByteBuffer payload) {
    int length = payload.getInt();
    if (length < 0 || length > payload.remaining()) {
      throw unreadable("a text length out of range");
    }
    byte[] bytes = new byte[length];
    payload.get(bytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw unreadable("text that is not UTF-8");
    }
  }

  private static byte[] smaller(byte[] plain) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(plain);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
      byte[] chunk = new byte[16 * 1024];
      while (!deflater.finished()) {
        out.write(chunk, 0, deflater.deflate(chunk));
      }
      return out.size() < plain.length ? out.toByteArray() : plain;
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] compressed, int length) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      byte[] plain = new byte[length];
      int filled = 0;
      while (filled < length && !inflater.finished()) {
        int read = inflater.inflate(plain, filled, length - filled);
        if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw unreadable("a truncated compressed payload");
        }
        filled += read;
      }
      // One more byte of room must find the stream ended: a payload longer than it claims is
      // refused rather than cut.
      if (filled != length || inflater.inflate(new byte[1]) != 0 || !inflater.finished()) {
        throw unreadable("a compressed payload of the wrong length");
      }
      if (inflater.getRemaining() != 0) {
        throw unreadable("bytes after the compressed payload");
      }
      return plain;
    } catch (DataFormatException e) {
      throw unreadable("a damaged compressed payload");
    } finally {
      inflater.end();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException unreadable(String what) {
    return new IllegalArgumentException("not a readable cache entry: " + what);
  }
}
