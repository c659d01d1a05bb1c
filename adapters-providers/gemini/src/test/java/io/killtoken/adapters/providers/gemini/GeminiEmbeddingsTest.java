package io.killtoken.adapters.providers.gemini;

import static io.killtoken.adapters.providers.gemini.GeminiChatTest.KEY;
import static io.killtoken.adapters.providers.gemini.GeminiChatTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.provider.EmbeddingAnswer;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.usage.TokenUsage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class GeminiEmbeddingsTest {

  private FakeGemini fake;
  private GeminiProvider gemini;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeGemini();
    gemini = GeminiChatTest.provider(fake.baseUrl());
    // Like Gemini, one vector per request in the batch; here [position, 0.5] so order shows.
    fake.answer(
        exchange -> {
          JsonNode requests = fake.received().getLast().body().path("requests");
          ObjectNode answer = GeminiChatTest.JSON.createObjectNode();
          ArrayNode embeddings = answer.putArray("embeddings");
          for (int i = 0; i < requests.size(); i++) {
            embeddings.addObject().putArray("values").add(i).add(0.5);
          }
          FakeGemini.json(exchange, 200, answer.toString());
        });
  }

  @AfterEach
  void stop() {
    gemini.close();
    fake.close();
  }

  private static EmbeddingCall call(String model, String body) {
    return new EmbeddingCall(model, body, KEY);
  }

  @Test
  void a_single_input_becomes_one_openai_embedding() {
    EmbeddingAnswer answer =
        gemini.embed(
            call(
                "text-embedding-004",
                "{\"model\":\"text-embedding-004\",\"input\":\"hello world\"}"));

    FakeGemini.Received request = fake.received().getFirst();
    assertEquals("/v1beta/models/text-embedding-004:batchEmbedContents", request.path());
    assertEquals(KEY.value(), request.apiKey());
    assertEquals(null, request.query());
    assertEquals(
        json(
            """
            {"requests":[{"model":"models/text-embedding-004",
              "content":{"parts":[{"text":"hello world"}]}}]}"""),
        request.body());
    // "hello world" is 11 characters: about 3 tokens, since Gemini reports none.
    assertEquals(
        json(
            """
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0,0.5]}],
             "model":"text-embedding-004","usage":{"prompt_tokens":3,"total_tokens":3}}"""),
        json(answer.body()));
    assertEquals(new TokenUsage(3, 0, 0), answer.usage());
  }

  @Test
  void a_batch_asks_for_the_requested_dimensions_on_every_input() {
    EmbeddingAnswer answer =
        gemini.embed(
            call(
                "gemini-embedding-001",
                """
                {"model":"gemini-embedding-001","input":["one","two","three"],"dimensions":256}"""));

    JsonNode requests = fake.received().getFirst().body().path("requests");
    assertEquals(3, requests.size());
    for (JsonNode one : requests) {
      assertEquals("models/gemini-embedding-001", one.path("model").asText());
      assertEquals(256, one.path("outputDimensionality").asInt());
    }
    assertEquals(
        "three", requests.get(2).path("content").path("parts").get(0).path("text").asText());
    JsonNode data = json(answer.body()).path("data");
    assertEquals(3, data.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(i, data.get(i).path("index").asInt());
      assertEquals(i, data.get(i).path("embedding").get(0).asInt());
    }
    // 3 + 3 + 5 characters → 3 tokens.
    assertEquals(new TokenUsage(3, 0, 0), answer.usage());
  }

  @Test
  void more_inputs_than_one_gemini_batch_holds_go_in_several_calls_in_order() {
    ArrayNode inputs = GeminiChatTest.JSON.createArrayNode();
    for (int i = 0; i < 150; i++) {
      inputs.add("text " + i);
    }

    EmbeddingAnswer answer =
        gemini.embed(call("gemini-embedding-001", "{\"input\":" + inputs + "}"));

    assertEquals(2, fake.received().size());
    assertEquals(100, fake.received().get(0).body().path("requests").size());
    assertEquals(50, fake.received().get(1).body().path("requests").size());
    JsonNode data = json(answer.body()).path("data");
    assertEquals(150, data.size());
    assertEquals(149, data.get(149).path("index").asInt());
    // The second batch's first vector is the 101st of the answer.
    assertEquals(0, data.get(100).path("embedding").get(0).asInt());
  }

  @Test
  void base64_encoding_sends_little_endian_float32_vectors_as_openai_does() {
    EmbeddingAnswer answer =
        gemini.embed(
            call("text-embedding-004", "{\"input\":\"hi\",\"encoding_format\":\"base64\"}"));

    String encoded = json(answer.body()).path("data").get(0).path("embedding").asText();
    ByteBuffer floats = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
    floats.order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(8, floats.remaining());
    assertEquals(0.0f, floats.getFloat());
    assertEquals(0.5f, floats.getFloat());
  }

  @Test
  void inputs_gemini_cannot_embed_are_refused_before_any_call() {
    String[] bodies = {
      "{\"input\":[1212, 318]}",
      "{\"input\":[[1212, 318]]}",
      "{\"input\":[]}",
      "{\"input\":\"\"}",
      "{}",
      "{\"input\":\"hi\",\"dimensions\":0}",
      "{\"input\":\"hi\",\"encoding_format\":\"int8\"}",
    };
    for (String body : bodies) {
      assertThrows(
          InvalidRequest.class, () -> gemini.embed(call("text-embedding-004", body)), body);
    }
    assertTrue(fake.received().isEmpty());
  }

  @Test
  void an_upstream_error_is_mapped_like_any_other() {
    fake.answer(
        exchange ->
            FakeGemini.json(
                exchange,
                404,
                FakeGemini.error(
                    404,
                    "models/text-embedding-999 is not found for API version v1beta.",
                    "NOT_FOUND")));

    UpstreamFailure failure =
        assertThrows(
            UpstreamFailure.class,
            () -> gemini.embed(call("text-embedding-999", "{\"input\":\"x\"}")));

    assertInstanceOf(NonRetriableUpstreamFailure.class, failure);
    assertEquals(404, failure.status());
    assertTrue(failure.getMessage().contains("is not found"));
  }
}
