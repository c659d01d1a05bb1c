package io.killtoken.adapters.http.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One replayed step of one choice: what goes into a chunk's {@code choices[0]}.
 *
 * @param finishReason null on every step but the choice's last
 */
record ChoiceDelta(int index, ObjectNode delta, String finishReason) {

  ChoiceDelta {
    Objects.requireNonNull(delta, "delta");
  }
}
