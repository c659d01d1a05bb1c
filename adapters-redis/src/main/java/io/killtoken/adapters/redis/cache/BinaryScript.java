package io.killtoken.adapters.redis.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 with binary keys, arguments and replies, since cache entries are
 * compressed bytes that a String round trip would corrupt.
 */
final class BinaryScript {

  private final byte[] text;
  private final byte[] sha;

  BinaryScript(String text) {
    this.text = text.getBytes(StandardCharsets.UTF_8);
    this.sha = sha1(this.text);
  }

  Object run(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException notLoaded) {
      // A restarted or flushed server has forgotten the script; EVAL loads it again.
      return redis.eval(text, keys, args);
    }
  }

  private static byte[] sha1(byte[] script) {
    try {
      String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script));
      return hex.getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-1", e);
    }
  }
}
