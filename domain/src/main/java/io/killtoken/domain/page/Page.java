package io.killtoken.domain.page;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** One page of a list, and the cursor of the next page when there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }

  /**
   * Cuts a page from items sorted by cursor that were read with one extra item: the extra one only
   * tells that a next page exists.
   */
  public static <T> Page<T> of(List<T> sortedPlusOne, int limit, Function<T, String> cursor) {
    if (sortedPlusOne.size() <= limit) {
      return new Page<>(sortedPlusOne, Optional.empty());
    }
    List<T> items = sortedPlusOne.subList(0, limit);
    return new Page<>(items, Optional.of(cursor.apply(items.getLast())));
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextCursor);
  }
}
