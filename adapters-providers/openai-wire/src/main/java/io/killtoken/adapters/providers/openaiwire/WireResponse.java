package io.killtoken.adapters.providers.openaiwire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.secret.PlainSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * One upstream answer being read, its body watched by an idle guard; closing it releases the
 * connection. Reading failures and error statuses come out as {@link UpstreamFailure}s.
 */
final class WireResponse implements AutoCloseable {

  /** The most of an error body read to find the provider's message. */
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final HttpResponse<InputStream> response;
  private final IdleGuard guard;
  private final PlainSecret key;
  private final WireHttp http;

  WireResponse(
      HttpResponse<InputStream> response, IdleGuard guard, PlainSecret key, WireHttp http) {
    this.response = response;
    this.guard = guard;
    this.key = key;
    this.http = http;
  }

  boolean success() {
    return response.statusCode() / 100 == 2;
  }

  /** The body to read from as it arrives; every read counts as activity for the guard. */
  InputStream stream() {
    return guard.stream();
  }

  /** The whole body of a JSON answer. */
  String text() {
    try {
      return new String(guard.stream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw broken();
    }
  }

  /** The mapped failure of an answer that is not a success, read from its (bounded) body. */
  UpstreamFailure failure() {
    String text;
    try {
      text = new String(guard.stream().readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return broken();
    }
    return failure(text);
  }

  /** The mapped failure of an answer that is not a success, whose body was read already. */
  UpstreamFailure failure(String body) {
    return http.errors()
        .fromStatus(
            response.statusCode(),
            body,
            response.headers().firstValue("Retry-After"),
            ServerErrors.requestId(response.headers()),
            http.clock().instant(),
            key);
  }

  /** A successful answer's body as a JSON object; anything else is a failure of the upstream. */
  JsonNode object(String text) {
    JsonNode answer;
    try {
      answer = OpenAiWire.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject()) {
      throw http.errors().malformed(response.statusCode());
    }
    return answer;
  }

  /** The body broke off: because the guard found it idle, or because the connection failed. */
  UpstreamFailure broken() {
    return guard.fired()
        ? http.errors().unreachable("no data for " + UpstreamHttp.millis(http.idle()) + ".")
        : http.errors().unreachable("the connection broke off.");
  }

  @Override
  public void close() {
    guard.close();
  }
}
