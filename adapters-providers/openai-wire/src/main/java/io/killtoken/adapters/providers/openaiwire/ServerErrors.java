package io.killtoken.adapters.providers.openaiwire;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How every provider module words an upstream 5xx: which provider failed, its status and its
 * request id, never its body. A server error body is the provider's (or a tenant's self-hosted
 * server's) own internals — tracebacks, host names, connection strings — and is no client's
 * business; a 4xx message is the client's ("model not found") and is passed on by each mapper.
 */
public final class ServerErrors {

  /** The headers providers name a request by: OpenAI and most servers, then Anthropic. */
  private static final String[] REQUEST_ID_HEADERS = {"x-request-id", "request-id"};

  /** A request id is quoted only when it looks like one, so a header cannot smuggle text in. */
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private ServerErrors() {}

  /** True for the statuses whose body is never passed on. */
  public static boolean withholdsBody(int status) {
    return status >= 500;
  }

  /** The provider's request id, when it sent one that looks like an id. */
  public static Optional<String> requestId(HttpHeaders headers) {
    for (String name : REQUEST_ID_HEADERS) {
      Optional<String> id = headers.firstValue(name).map(String::strip);
      if (id.isPresent()) {
        return id.filter(value -> REQUEST_ID.matcher(value).matches());
      }
    }
    return Optional.empty();
  }

  /** e.g. {@code OpenAI failed with HTTP 500 (request id req_123).} */
  public static String message(String provider, int status, Optional<String> requestId) {
    return provider
        + " failed with HTTP "
        + status
        + requestId.map(id -> " (request id " + id + ")").orElse("")
        + ".";
  }
}
