package io.killtoken.domain.page;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a list to read: at most {@code limit} items after the cursor. The page size is
 * capped so that no request can ask for everything at once.
 */
public record PageRequest(int limit, Optional<String> after) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public PageRequest {
    Objects.requireNonNull(after, "after");
    limit = Math.clamp(limit, 1, MAX_LIMIT);
  }

  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, Optional.empty());
  }
}
