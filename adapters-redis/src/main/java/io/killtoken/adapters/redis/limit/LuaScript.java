package io.killtoken.adapters.redis.limit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by its SHA-1, so only a server that has not seen it yet gets the full text. */
final class LuaScript {

  private final String text;
  private final String sha;

  LuaScript(String text) {
    this.text = text;
    this.sha = sha1(text);
  }

  Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException notLoaded) {
      // A restarted or flushed server has forgotten the script; EVAL loads it again.
      return redis.eval(text, keys, args);
    }
  }

  private static String sha1(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-1", e);
    }
  }
}
