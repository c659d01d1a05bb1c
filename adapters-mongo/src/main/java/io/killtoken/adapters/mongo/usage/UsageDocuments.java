package io.killtoken.adapters.mongo.usage;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.fingerprint.PromptPrefix;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTags;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Maps a {@link UsageMetric} to its stored shape and back: {@code _id} is the usage id (so a record
 * written twice is stored once), token counts and money as int64, latencies as int64 milliseconds,
 * enums by name, the time as a BSON date (millisecond precision). Ids, provider, model, enum names
 * and the fingerprint are the only strings, with the attribution's ids, tags, keyed digests and
 * finish reason: there is no field for prompt or completion text. Attribution fields a record does
 * not have are left out, and a record stored before they existed reads as unattributed.
 */
final class UsageDocuments {

  static final String ID = "_id";
  static final String TENANT_ID = "tenantId";
  static final String API_KEY_ID = "apiKeyId";
  static final String PROVIDER = "provider";
  static final String MODEL = "model";
  static final String TOKENS = "tokens";
  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String CACHED_INPUT = "cachedInput";
  static final String COST_MICROS = "costMicros";
  static final String LATENCY_MS = "latencyMs";
  static final String UPSTREAM_LATENCY_MS = "upstreamLatencyMs";
  static final String STATUS = "status";
  static final String STREAM = "stream";
  static final String CACHE = "cache";
  static final String FINGERPRINT = "fingerprint";
  static final String ESTIMATED = "estimated";
  static final String SAVED = "saved";
  static final String SAVED_COST_MICROS = "savedCostMicros";
  static final String OCCURRED_AT = "occurredAt";
  static final String SEALED_PROMPT = "sealedPrompt";
  static final String CREDENTIAL_ID = "credentialId";
  static final String FINISH_REASON = "finishReason";
  static final String REQUEST_DIGEST = "requestDigest";
  static final String TAGS = "tags";
  static final String END_USER = "endUser";
  static final String MAX_TOKENS = "maxTokens";
  static final String UPSTREAM_STATUS = "upstreamStatus";
  static final String PREFIX_DIGEST = "prefixDigest";
  static final String PREFIX_TOKENS = "prefixTokens";

  private UsageDocuments() {}

  static Document toDocument(UsageMetric metric) {
    Document document = fields(metric);
    // Only when the tenant turned prompt storage on, and then only as ciphertext.
    metric.prompt().ifPresent(cipher -> document.append(SEALED_PROMPT, cipher.base64()));
    UsageAttribution a = metric.attribution();
    a.credential().ifPresent(id -> document.append(CREDENTIAL_ID, id.value()));
    a.finishReason().ifPresent(reason -> document.append(FINISH_REASON, reason));
    a.requestDigest().ifPresent(digest -> document.append(REQUEST_DIGEST, digest));
    if (!a.tags().asMap().isEmpty()) {
      document.append(TAGS, new Document(a.tags().asMap()));
    }
    a.endUser().ifPresent(user -> document.append(END_USER, user));
    if (a.maxTokens() > 0) {
      document.append(MAX_TOKENS, a.maxTokens());
    }
    if (a.upstreamStatus() > 0) {
      document.append(UPSTREAM_STATUS, a.upstreamStatus());
    }
    a.prefix()
        .ifPresent(
            prefix ->
                document
                    .append(PREFIX_DIGEST, prefix.digest())
                    .append(PREFIX_TOKENS, prefix.tokens()));
    return document;
  }

  private static UsageAttribution attribution(Document document) {
    SortedMap<String, String> tags = new TreeMap<>();
    Document stored = document.get(TAGS, Document.class);
    if (stored != null) {
      stored.forEach((key, value) -> tags.put(key, (String) value));
    }
    Number maxTokens = document.get(MAX_TOKENS, Number.class);
    Number status = document.get(UPSTREAM_STATUS, Number.class);
    return new UsageAttribution(
        Optional.ofNullable(document.getString(CREDENTIAL_ID)).map(CredentialId::new),
        Optional.ofNullable(document.getString(FINISH_REASON)),
        Optional.ofNullable(document.getString(REQUEST_DIGEST)),
        new UsageTags(tags),
        Optional.ofNullable(document.getString(END_USER)),
        maxTokens == null ? 0 : maxTokens.longValue(),
        status == null ? 0 : status.intValue(),
        Optional.ofNullable(document.getString(PREFIX_DIGEST))
            .map(digest -> new PromptPrefix(digest, int64(document, PREFIX_TOKENS))));
  }

  private static Document fields(UsageMetric metric) {
    return new Document(ID, metric.id().value())
        .append(TENANT_ID, metric.tenantId().value())
        .append(API_KEY_ID, metric.apiKeyId().value())
        .append(PROVIDER, metric.provider().value())
        .append(MODEL, metric.model())
        .append(TOKENS, tokens(metric.tokens()))
        .append(COST_MICROS, metric.cost().value())
        .append(LATENCY_MS, metric.latency().toMillis())
        .append(UPSTREAM_LATENCY_MS, metric.upstreamLatency().toMillis())
        .append(STATUS, metric.status().name())
        .append(STREAM, metric.stream())
        .append(CACHE, metric.cache().name())
        .append(FINGERPRINT, metric.fingerprint().hex())
        .append(ESTIMATED, metric.estimated())
        .append(SAVED, tokens(metric.saved()))
        .append(SAVED_COST_MICROS, metric.savedCost().value())
        .append(OCCURRED_AT, Date.from(metric.occurredAt()));
  }

  static UsageMetric fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      return new UsageMetric(
          new UsageId(document.getString(ID)),
          new TenantId(document.getString(TENANT_ID)),
          new ApiKeyId(document.getString(API_KEY_ID)),
          new ProviderId(document.getString(PROVIDER)),
          document.getString(MODEL),
          tokens(document.get(TOKENS, Document.class)),
          new MicroDollars(int64(document, COST_MICROS)),
          Duration.ofMillis(int64(document, LATENCY_MS)),
          Duration.ofMillis(int64(document, UPSTREAM_LATENCY_MS)),
          UsageStatus.valueOf(document.getString(STATUS)),
          document.getBoolean(STREAM),
          CacheResult.valueOf(document.getString(CACHE)),
          new PromptFingerprint(document.getString(FINGERPRINT)),
          document.getBoolean(ESTIMATED),
          tokens(document.get(SAVED, Document.class)),
          new MicroDollars(int64(document, SAVED_COST_MICROS)),
          document.getDate(OCCURRED_AT).toInstant(),
          Optional.ofNullable(document.getString(SEALED_PROMPT)).map(SealedSecret::new),
          attribution(document));
    } catch (RuntimeException e) {
      // Fail loudly with the record at fault rather than report made-up usage.
      throw new IllegalStateException(
          "stored usage record " + id + " does not have the usage shape", e);
    }
  }

  private static Document tokens(TokenUsage tokens) {
    return new Document(INPUT, tokens.input())
        .append(OUTPUT, tokens.output())
        .append(CACHED_INPUT, tokens.cachedInput());
  }

  static TokenUsage tokens(Document document) {
    return new TokenUsage(
        int64(document, INPUT), int64(document, OUTPUT), int64(document, CACHED_INPUT));
  }

  /** Written as int64, but a record edited by hand or by another tool may hold an int32. */
  static long int64(Document document, String key) {
    return ((Number) document.get(key)).longValue();
  }
}
