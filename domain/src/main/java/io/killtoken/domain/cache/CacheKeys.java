package io.killtoken.domain.cache;

import io.killtoken.domain.Digests;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.tenant.TenantId;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cache-key policy: an HMAC-SHA256, under a per-tenant key derived from one server secret, of
 * everything that changes the answer — the routed provider and model, and every top-level member of
 * the canonical request except those in {@link #IGNORED}. Two tenants' equal requests therefore
 * have unrelated keys, and no key can be matched against a list of likely prompts.
 *
 * <p>The request's own {@code model} member is replaced by the route, so {@code gpt-4o} and {@code
 * openai/gpt-4o} share a key. Every other member is kept, including ones this version does not
 * know: an unknown field may change the answer, and missing a hit is the safe mistake.
 */
public final class CacheKeys {

  /**
   * Top-level members that never change the answer's content: transport ({@code stream}, {@code
   * stream_options} — a cached answer is replayed as JSON or SSE alike), end-user and routing
   * identifiers ({@code user}, {@code safety_identifier}, {@code prompt_cache_key}), and provider
   * bookkeeping ({@code metadata}, {@code store}). {@code service_tier} is kept: the response names
   * its tier and its cost depends on it.
   */
  public static final Set<String> IGNORED =
      Set.of(
          "model",
          "stream",
          "stream_options",
          "user",
          "safety_identifier",
          "prompt_cache_key",
          "metadata",
          "store");

  /** Bumped when the canonical form changes, so old entries stop matching instead of lying. */
  private static final String VERSION = "kt-cache-1";

  private final byte[] secret;

  /**
   * @param secret at least 256 bits, derived for this purpose alone from the server secret
   */
  public CacheKeys(byte[] secret) {
    if (secret == null || secret.length < 32) {
      throw new IllegalArgumentException("the cache-key secret has at least 256 bits");
    }
    this.secret = secret.clone();
  }

  /**
   * The key of {@code request} sent by {@code tenant} to {@code route}.
   *
   * @param route the provider and the provider's model name the request is routed to
   */
  public CacheKey key(TenantId tenant, ModelRoute route, CanonicalRequest request) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(request, "request");
    byte[] tenantKey = Digests.hmacSha256(secret, "response-cache|" + tenant.value());
    byte[] digest = Digests.hmacSha256(tenantKey, keyText(route, request));
    return new CacheKey(tenant, HexFormat.of().formatHex(digest));
  }

  /**
   * A JSON array of version, provider, model and the kept members: quoting makes the parts
   * unambiguous, so no model name can shift text from one part into another.
   */
  static String keyText(ModelRoute route, CanonicalRequest request) {
    Map<String, String> kept = new TreeMap<>(request.members());
    kept.keySet().removeAll(IGNORED);
    return "["
        + CanonicalJson.quote(VERSION)
        + ","
        + CanonicalJson.quote(route.provider().value())
        + ","
        + CanonicalJson.quote(route.model())
        + ","
        + CanonicalJson.object(kept)
        + "]";
  }

  @Override
  public String toString() {
    return "CacheKeys[redacted]";
  }
}
