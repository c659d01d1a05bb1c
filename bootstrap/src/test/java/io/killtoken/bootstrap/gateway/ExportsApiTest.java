package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exports as two tenants use them after real gateway calls: CSV and JSON lines with one row per
 * record and no prompt text; another tenant's export is a 404 exactly like a missing one.
 */
class ExportsApiTest {

  private static final String CANARY = "canary-prompt-" + UUID.randomUUID();

  private static FakeOpenAi upstream;
  private static Node node;
  private static Browser ada;
  private static Browser bob;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeOpenAi();
    node = UsageTenants.start(upstream);
    ada = UsageTenants.signUp(node, "ada");
    bob = UsageTenants.signUp(node, "bob");
    Browser gateway = UsageTenants.gatewayKey(ada).client();
    for (int i = 0; i < 3; i++) {
      Browser.Reply reply =
          gateway.send(
              "POST",
              "/v1/chat/completions",
              Map.of(
                  "model",
                  i == 2 ? "gpt-4o" : "gpt-4o-mini",
                  "messages",
                  List.of(Map.of("role", "user", "content", CANARY + " " + i))),
              Map.of("x-killtoken-tags", "feature=export,team=a"));
      assertEquals(200, reply.status(), reply.toString());
    }
    UsageTenants.summaryWith(ada, "", 3);
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  private static JsonNode create(Browser owner, Map<String, Object> body) {
    Browser.Reply reply = owner.post("/api/v1/exports", body);
    assertEquals(201, reply.status(), reply.toString());
    return reply.json();
  }

  @Test
  void a_jsonl_export_streams_one_record_per_line_as_the_records_api_shows_it() throws Exception {
    JsonNode export = create(ada, Map.of("format", "jsonl"));
    Browser.Reply download = ada.get(export.get("download").asText());

    assertEquals(200, download.status(), download.toString());
    assertTrue(download.header("Content-Type").startsWith("application/x-ndjson"));
    assertTrue(download.header("Content-Disposition").contains(".jsonl"));
    String[] lines = download.body().strip().split("\n");
    assertEquals(3, lines.length, download.body());
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    assertEquals("gpt-4o-mini", first.get("model").asText());
    assertEquals("export", first.get("tags").get("feature").asText());
    assertFalse(download.body().contains(CANARY), "no prompt text in an export");
  }

  @Test
  void a_csv_export_has_a_header_and_one_row_per_matching_record() {
    JsonNode export = create(ada, Map.of("format", "csv", "model", "gpt-4o"));
    assertEquals("gpt-4o", export.get("filters").get("model").asText());
    Browser.Reply download = ada.get(export.get("download").asText());

    assertEquals(200, download.status(), download.toString());
    assertTrue(download.header("Content-Type").startsWith("text/csv"));
    String[] lines = download.body().strip().split("\n");
    assertEquals(2, lines.length, download.body());
    assertTrue(lines[0].startsWith("id,occurred_at,key_id,provider,model,"), lines[0]);
    assertTrue(lines[1].contains(",gpt-4o,"), lines[1]);
    assertTrue(lines[1].contains("feature=export;team=a"), lines[1]);
    assertFalse(download.body().contains(CANARY));
  }

  @Test
  void exports_are_listed_page_by_page_and_shown_one_by_one() {
    Browser cy = UsageTenants.signUp(node, "cy");
    JsonNode older = create(cy, Map.of("format", "csv"));
    JsonNode newer = create(cy, Map.of("format", "jsonl"));
    JsonNode first = cy.get("/api/v1/exports?limit=1").json();
    String cursor = first.get("next_cursor").asText();
    JsonNode second = cy.get("/api/v1/exports?limit=1&after=" + cursor).json();

    assertEquals(1, first.get("data").size(), first.toString());
    assertEquals(1, second.get("data").size(), second.toString());
    assertTrue(second.get("next_cursor").isNull(), second.toString());
    assertEquals(
        Set.of(older.get("id").asText(), newer.get("id").asText()),
        Set.of(
            first.get("data").get(0).get("id").asText(),
            second.get("data").get(0).get("id").asText()));
    assertEquals(older, cy.get("/api/v1/exports/" + older.get("id").asText()).json());
  }

  @Test
  void another_tenants_export_is_a_404_exactly_like_a_missing_one() {
    String id = create(ada, Map.of("format", "csv")).get("id").asText();
    Browser.Reply theirs = bob.get("/api/v1/exports/" + id);
    Browser.Reply missing = bob.get("/api/v1/exports/" + UUID.randomUUID());
    Browser.Reply notAnId = bob.get("/api/v1/exports/..%2F..%2Fusage");
    assertEquals(404, theirs.status());
    assertEquals(missing.status(), theirs.status());
    assertEquals(missing.json().get("detail"), theirs.json().get("detail"));
    assertEquals(404, bob.get("/api/v1/exports/" + id + "/download").status());
    assertEquals(404, notAnId.status(), notAnId.toString());
    assertEquals(0, bob.get("/api/v1/exports").json().get("data").size());
  }

  @Test
  void a_bad_export_request_is_a_400_naming_the_field() {
    for (Object[] bad :
        new Object[][] {
          {Map.of("format", "xlsx"), "'format'"},
          {Map.of(), "format"},
          {Map.of("format", "csv", "from", "yesterday"), "'from'"},
          {Map.of("format", "csv", "status", "great"), "'status'"},
          {Map.of("format", "csv", "sql", "drop"), "sql"},
          {
            Map.of("format", "csv", "from", "2024-01-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"),
            "366 days"
          },
        }) {
      Browser.Reply reply = ada.post("/api/v1/exports", bad[0]);
      assertEquals(400, reply.status(), bad[0] + " → " + reply);
      assertTrue(reply.body().contains((String) bad[1]), bad[0] + " → " + reply);
    }
  }

  @Test
  void exports_need_a_session_or_an_admin_key() {
    assertEquals(401, new Browser(node).get("/api/v1/exports").status());
  }
}
