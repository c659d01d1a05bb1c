package io.killtoken.bench;

import java.net.URI;
import java.util.Objects;

/**
 * Where a measured call goes: straight to the fake provider or through KillToken.
 *
 * @param name "direct" or "gateway"
 * @param chatCompletions the full URL of {@code /v1/chat/completions}
 * @param bearer the key sent as {@code Authorization: Bearer}
 */
record Target(String name, URI chatCompletions, String bearer) {

  Target {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chatCompletions, "chatCompletions");
    Objects.requireNonNull(bearer, "bearer");
  }

  @Override
  public String toString() {
    return name + " " + chatCompletions;
  }
}
