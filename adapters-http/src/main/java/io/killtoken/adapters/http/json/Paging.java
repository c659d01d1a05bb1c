package io.killtoken.adapters.http.json;

import io.javalin.http.Context;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** List paging on the admin API: {@code ?limit=} (capped) and {@code ?after=} (a cursor). */
public final class Paging {

  /**
   * A cursor is the id of the last item of the page before, and every id this API hands out is
   * {@code Ids.random()}: a lowercase UUID. Anything else was not returned by it, and an id
   * compared with it would only ever give an empty page.
   */
  private static final Pattern CURSOR =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Paging() {}

  public static PageRequest request(Context ctx) {
    String after = ctx.queryParam("after");
    if (after != null && !CURSOR.matcher(after).matches()) {
      throw new InvalidRequest(
          "'after' is not a cursor this API returned; pass the 'next_cursor' of the page before.");
    }
    return new PageRequest(limit(ctx), Optional.ofNullable(after));
  }

  /**
   * A page whose {@code after} is an opaque cursor that the store reading the page checks itself
   * (it answers 400 for one it did not write).
   */
  public static PageRequest opaque(Context ctx) {
    return new PageRequest(limit(ctx), Optional.ofNullable(ctx.queryParam("after")));
  }

  private static int limit(Context ctx) {
    String limitText = ctx.queryParam("limit");
    if (limitText == null) {
      return PageRequest.DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(limitText);
    } catch (NumberFormatException e) {
      throw new InvalidRequest("'limit' must be a whole number.");
    }
    if (limit < 1) {
      throw new InvalidRequest("'limit' must be at least 1.");
    }
    return limit;
  }

  /** The list body: {@code {"data":[…],"next_cursor":…}}. */
  public static <T> Map<String, Object> body(Page<T> page, Function<T, ?> view) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<?> data = page.items().stream().map(view).toList();
    body.put("data", data);
    body.put("next_cursor", page.nextCursor().orElse(null));
    return body;
  }
}
