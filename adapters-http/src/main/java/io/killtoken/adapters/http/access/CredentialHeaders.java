package io.killtoken.adapters.http.access;

import io.javalin.http.Context;
import io.killtoken.domain.error.InvalidRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads a credential-bearing header that may appear at most once: with two copies the request is
 * ambiguous (a proxy and the server might each believe a different one), so it is refused rather
 * than one of them picked.
 */
public final class CredentialHeaders {

  private CredentialHeaders() {}

  /** The header's value, if sent; a 400 if it was sent more than once. */
  public static Optional<String> single(Context ctx, String name) {
    List<String> values = Collections.list(ctx.req().getHeaders(name));
    if (values.size() > 1) {
      throw new InvalidRequest(
          "Send one " + name + " header, not " + values.size() + ": the request is ambiguous.");
    }
    return values.stream().findFirst();
  }
}
