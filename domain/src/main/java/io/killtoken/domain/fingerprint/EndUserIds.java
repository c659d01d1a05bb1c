package io.killtoken.domain.fingerprint;

import io.killtoken.domain.Digests;
import java.util.HexFormat;

/**
 * How an end-user id is stored when the tenant did not choose plain ids: a keyed hash under the
 * tenant's fingerprint key, so one user's calls still add up together while the stored value names
 * no one, and the same id of two tenants is two unrelated values.
 */
public final class EndUserIds {

  private EndUserIds() {}

  /** 32 hex digits (128 bits of HMAC-SHA256 over the id). */
  public static String hashed(FingerprintKey key, String endUser) {
    byte[] mac = Digests.hmacSha256(key.bytes(), "end-user|" + endUser);
    return HexFormat.of().formatHex(mac, 0, 16);
  }
}
