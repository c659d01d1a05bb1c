package io.killtoken.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.usage.TokenUsage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CachedAnswerCodecTest {

  private static CachedAnswer answer(String body) {
    return new CachedAnswer(
        body,
        "stop",
        new TokenUsage(120, 30, 20),
        new MicroDollars(4_321),
        new ProviderId("anthropic"),
        "claude-sonnet-4-5",
        Instant.parse("2026-03-01T10:15:30.123456789Z"));
  }

  private static byte[] encoded(CachedAnswer answer) {
    return CachedAnswerCodec.encode(answer).orElseThrow();
  }

  /** Printable characters at random: text that deflate can barely shrink. */
  static String noise(int length) {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) random.nextInt('!', '~' + 1));
    }
    return out.toString();
  }

  @Test
  void a_small_answer_round_trips_uncompressed() {
    CachedAnswer small = answer("{\"id\":\"chatcmpl-1\",\"choices\":[]}");
    byte[] stored = encoded(small);

    assertEquals(0, stored[1], "not compressed");
    assertEquals(small, CachedAnswerCodec.decode(stored));
  }

  @Test
  void a_large_answer_is_compressed_and_round_trips() {
    String body = "{\"content\":\"" + "All work and no play. ".repeat(40_000) + "\"}";
    byte[] stored = encoded(answer(body));

    assertEquals(1, stored[1], "compressed");
    assertTrue(stored.length < body.length() / 20, "much smaller: " + stored.length);
    assertEquals(answer(body), CachedAnswerCodec.decode(stored));
  }

  @Test
  void text_beyond_ascii_round_trips() {
    CachedAnswer unicode = answer("{\"content\":\"héllo 世界 😀 \\u0000\"}");

    assertEquals(unicode, CachedAnswerCodec.decode(encoded(unicode)));
  }

  @Test
  void an_answer_over_the_cap_after_compression_is_not_encoded() {
    assertTrue(
        CachedAnswerCodec.encode(answer(noise(2 * ResponseCache.MAX_ENTRY_BYTES))).isEmpty());
  }

  @Test
  void a_huge_answer_is_not_encoded_even_if_it_would_compress_well() {
    String huge = "a".repeat(CachedAnswerCodec.MAX_PAYLOAD_BYTES);

    assertTrue(CachedAnswerCodec.encode(answer(huge)).isEmpty());
  }

  @Test
  void truncated_bytes_are_refused() {
    byte[] stored = encoded(answer("{\"content\":\"" + "x".repeat(3_000) + "\"}"));
    byte[] small = encoded(answer("{}"));

    assertThrows(
        IllegalArgumentException.class,
        () -> CachedAnswerCodec.decode(Arrays.copyOf(stored, stored.length - 3)));
    assertThrows(
        IllegalArgumentException.class,
        () -> CachedAnswerCodec.decode(Arrays.copyOf(small, small.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> CachedAnswerCodec.decode(new byte[0]));
  }

  @Test
  void damaged_compressed_bytes_are_refused() {
    byte[] stored = encoded(answer("{\"content\":\"" + "y".repeat(3_000) + "\"}"));
    stored[stored.length / 2] ^= 0x5a;

    assertThrows(IllegalArgumentException.class, () -> CachedAnswerCodec.decode(stored));
  }

  @Test
  void an_unknown_version_is_refused() {
    byte[] stored = encoded(answer("{}"));
    stored[0] = 2;

    assertThrows(IllegalArgumentException.class, () -> CachedAnswerCodec.decode(stored));
  }

  @Test
  void a_claimed_size_beyond_the_limit_is_refused_before_anything_is_allocated() {
    byte[] forged =
        ByteBuffer.allocate(10).put((byte) 1).put((byte) 1).putInt(Integer.MAX_VALUE).array();

    assertThrows(IllegalArgumentException.class, () -> CachedAnswerCodec.decode(forged));
  }

  @Test
  void bytes_after_the_body_are_refused() {
    byte[] stored = encoded(answer("{}"));
    byte[] longer = Arrays.copyOf(stored, stored.length + 1);
    ByteBuffer.wrap(longer).putInt(2, stored.length - 6 + 1);

    assertThrows(IllegalArgumentException.class, () -> CachedAnswerCodec.decode(longer));
  }
}
