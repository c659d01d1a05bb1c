package io.killtoken.adapters.redis.cache;

/**
 * The Lua scripts of {@link RedisResponseCache}. Each runs as one step on the server, so an entry,
 * its index line, its size and the tenant's counters never disagree, whatever other nodes do at the
 * same time.
 */
final class CacheScripts {

  /*
   * Removes up to `batch` digests whose expiry has passed from the index and the meta hash. The
   * entries themselves are gone already: Redis expired them on the same clock.
   */
  private static final String PRUNE =
      """
      local function prune(index, meta, now, batch)
        local stale = redis.call('ZRANGEBYSCORE', index, '-inf', '(' .. now, 'LIMIT', 0, batch)
        for _, digest in ipairs(stale) do
          local m = redis.call('HGET', meta, digest)
          if m then
            redis.call('HINCRBY', meta, 'bytes', '-' .. string.match(m, '^%d+'))
            redis.call('HDEL', meta, digest)
          end
          redis.call('ZREM', index, digest)
        end
        if #stale > 0 and redis.call('ZCARD', index) == 0 then
          redis.call('DEL', meta)
        end
        return #stale
      end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      """;

  /*
   * Keys: entry, index, meta, stats. Reads the entry and counts the lookup as one step. A digest
   * still indexed without its entry (expired, or evicted by maxmemory before its time) is taken
   * out of the index here.
   */
  static final BinaryScript GET =
      new BinaryScript(
          """
          local value = redis.call('GET', KEYS[1])
          local m = redis.call('HGET', KEYS[3], ARGV[1])
          if not value then
            redis.call('HINCRBY', KEYS[4], 'misses', 1)
            if m then
              redis.call('HINCRBY', KEYS[3], 'bytes', '-' .. string.match(m, '^%d+'))
              redis.call('HDEL', KEYS[3], ARGV[1])
              redis.call('ZREM', KEYS[2], ARGV[1])
            end
            return false
          end
          redis.call('HINCRBY', KEYS[4], 'hits', 1)
          if m then
            local f = {}
            for n in string.gmatch(m, '%d+') do f[#f + 1] = n end
            redis.call('HINCRBY', KEYS[4], 'saved_input', f[2])
            redis.call('HINCRBY', KEYS[4], 'saved_output', f[3])
            redis.call('HINCRBY', KEYS[4], 'saved_cached_input', f[4])
            redis.call('HINCRBY', KEYS[4], 'saved_micro_dollars', f[5])
          end
          return value
          """);

  /*
   * Keys: stats. Counts a hit served without a read (a single-flight waiter) with what it saved:
   * ARGV input, output, cached input, micro-dollars.
   */
  static final BinaryScript COUNT_HIT =
      new BinaryScript(
          """
          redis.call('HINCRBY', KEYS[1], 'hits', 1)
          redis.call('HINCRBY', KEYS[1], 'saved_input', ARGV[1])
          redis.call('HINCRBY', KEYS[1], 'saved_output', ARGV[2])
          redis.call('HINCRBY', KEYS[1], 'saved_cached_input', ARGV[3])
          redis.call('HINCRBY', KEYS[1], 'saved_micro_dollars', ARGV[4])
          return 1
          """);

  /*
   * Keys: entry, index, meta, stats. Writes the entry, its index line and its size together, so
   * the stats never see one without the others. The index and meta keys live as long as their
   * longest-lived entry and no longer.
   */
  static final BinaryScript PUT =
      new BinaryScript(
          PRUNE
              + """
              prune(KEYS[2], KEYS[3], now, ARGV[6])
              local old = redis.call('HGET', KEYS[3], ARGV[1])
              if old then
                redis.call('HINCRBY', KEYS[3], 'bytes', '-' .. string.match(old, '^%d+'))
              end
              local ttl = tonumber(ARGV[3])
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              redis.call('ZADD', KEYS[2], now + ttl, ARGV[1])
              redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
              redis.call('HINCRBY', KEYS[3], 'bytes', ARGV[5])
              for i = 2, 3 do
                if redis.call('PTTL', KEYS[i]) < ttl then
                  redis.call('PEXPIRE', KEYS[i], ARGV[3])
                end
              end
              return 1
              """);

  /** Keys: index, meta, stats. Prunes one batch and reads every figure the stats need. */
  static final BinaryScript STATS =
      new BinaryScript(
          PRUNE
              + """
              local pruned = prune(KEYS[1], KEYS[2], now, ARGV[1])
              local c = redis.call('HMGET', KEYS[3], 'hits', 'misses', 'saved_input',
                'saved_output', 'saved_cached_input', 'saved_micro_dollars')
              local reply = {pruned, redis.call('ZCARD', KEYS[1]),
                redis.call('HGET', KEYS[2], 'bytes') or '0'}
              for i = 1, 6 do reply[#reply + 1] = c[i] or '0' end
              return reply
              """);

  /**
   * Keys: index, meta, then one entry per digest in ARGV. Deletes the entries with their index
   * lines and sizes, and the meta hash once nothing is indexed.
   */
  static final BinaryScript REMOVE =
      new BinaryScript(
          """
          local removed = 0
          for i, digest in ipairs(ARGV) do
            removed = removed + redis.call('DEL', KEYS[i + 2])
            local m = redis.call('HGET', KEYS[2], digest)
            if m then
              redis.call('HINCRBY', KEYS[2], 'bytes', '-' .. string.match(m, '^%d+'))
              redis.call('HDEL', KEYS[2], digest)
            end
            redis.call('ZREM', KEYS[1], digest)
          end
          if redis.call('ZCARD', KEYS[1]) == 0 then
            redis.call('DEL', KEYS[2])
          end
          return removed
          """);

  private CacheScripts() {}
}
