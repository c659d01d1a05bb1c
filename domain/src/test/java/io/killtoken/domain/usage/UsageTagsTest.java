package io.killtoken.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.InvalidRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageTagsTest {

  @Test
  void a_header_of_pairs_becomes_tags_sorted_by_key() {
    UsageTags tags = UsageTags.parse(" feature=search , customer=acme-corp");
    assertEquals(Map.of("customer", "acme-corp", "feature", "search"), tags.asMap());
    assertEquals("customer", tags.asMap().keySet().iterator().next());
  }

  @Test
  void no_header_is_no_tags() {
    assertTrue(UsageTags.parse(null).asMap().isEmpty());
    assertTrue(UsageTags.parse("  ").asMap().isEmpty());
  }

  @Test
  void a_malformed_header_is_an_invalid_request_naming_what_is_wrong() {
    assertMessage("feature", "value of 'feature'");
    assertMessage("Feature=search", "tag key");
    assertMessage("feature=search,feature=chat", "given twice");
    assertMessage("feature=search,", "tag key");
    assertMessage("feature=" + "x".repeat(65), "value of 'feature'");
    assertMessage("note=hello world", "value of 'note'");
    assertMessage("a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9", "at most 8");
  }

  @Test
  void a_value_cannot_carry_markup_or_quotes() {
    assertMessage("x=<script>", "value of 'x'");
    assertMessage("x=\"a\"", "value of 'x'");
  }

  private static void assertMessage(String header, String part) {
    InvalidRequest e = assertThrows(InvalidRequest.class, () -> UsageTags.parse(header));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
