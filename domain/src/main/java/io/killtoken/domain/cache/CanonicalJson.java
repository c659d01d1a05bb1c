package io.killtoken.domain.cache;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A strict JSON reader that writes each value back in one canonical spelling (the domain has no
 * JSON library): no insignificant whitespace, object members sorted by name, strings with every
 * escape resolved and written the same way. Numbers are kept exactly as written. Anything a strict
 * RFC 8259 parser would refuse is refused, and so are duplicate member names (parsers disagree on
 * which one wins, so the key could not know which one the provider saw).
 */
final class CanonicalJson {

  /** Objects and arrays nested deeper than this are refused instead of risking the stack. */
  static final int MAX_DEPTH = 128;

  private final String text;
  private int pos;

  private CanonicalJson(String text) {
    this.text = text;
  }

  /**
   * The members of the one JSON object that is {@code json}, names sorted, each value in canonical
   * form.
   *
   * @throws IllegalArgumentException if the text is not exactly one strict JSON object; the message
   *     gives a position, never the text
   */
  static SortedMap<String, String> members(String json) {
    CanonicalJson reader = new CanonicalJson(json);
    reader.skipSpace();
    reader.expect('{');
    SortedMap<String, String> members = reader.objectMembers(1);
    reader.skipSpace();
    if (reader.pos != json.length()) {
      throw reader.malformed("text after the object");
    }
    return Collections.unmodifiableSortedMap(members);
  }

  /** The canonical object text of members already in canonical form. */
  static String object(Map<String, String> members) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> member : new TreeMap<>(members).entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(quote(member.getKey())).append(':').append(member.getValue());
    }
    return out.append('}').toString();
  }

  /**
   * The canonical string literal: only {@code "}, {@code \}, control characters and lone surrogates
   * escaped. A lone surrogate must stay escaped: as UTF-8 it would turn into {@code ?} and collide
   * with a real question mark.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean pair =
              Character.isHighSurrogate(c)
                  && i + 1 < value.length()
                  && Character.isLowSurrogate(value.charAt(i + 1));
          if (pair) {
            out.append(c).append(value.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private String value(int depth) {
    skipSpace();
    if (pos >= text.length()) {
      throw malformed("a value is missing");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> {
        pos++;
        yield object(objectMembers(depth + 1));
      }
      case '[' -> {
        pos++;
        yield array(depth + 1);
      }
      case '"' -> quote(string());
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || isDigit(c)) {
          yield number();
        }
        throw malformed("unexpected character");
      }
    };
  }

  /** Reads members after the opening brace, up to and including the closing one. */
  private SortedMap<String, String> objectMembers(int depth) {
    checkDepth(depth);
    SortedMap<String, String> members = new TreeMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return members;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw malformed("a member name is missing");
      }
      String name = string();
      skipSpace();
      expect(':');
      if (members.put(name, value(depth)) != null) {
        throw malformed("a member name appears twice");
      }
      skipSpace();
      char next = next();
      if (next == '}') {
        return members;
      }
      if (next != ',') {
        throw malformed("expected ',' or '}'");
      }
    }
  }

  /** Reads elements after the opening bracket, up to and including the closing one. */
  private String array(int depth) {
    checkDepth(depth);
    StringBuilder out = new StringBuilder("[");
    skipSpace();
    if (peek() == ']') {
      pos++;
      return "[]";
    }
    while (true) {
      out.append(value(depth));
      skipSpace();
      char next = next();
      if (next == ']') {
        return out.append(']').toString();
      }
      if (next != ',') {
        throw malformed("expected ',' or ']'");
      }
      out.append(',');
    }
  }

  /** Reads a string literal at the opening quote and returns its decoded value. */
  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw malformed("a control character inside a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(hexChar());
        default -> throw malformed("an unknown escape");
      }
    }
  }

  private char hexChar() {
    if (pos + 4 > text.length()) {
      throw malformed("a short \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos++), 16);
      if (digit < 0) {
        throw malformed("a bad \\u escape");
      }
      value = value * 16 + digit;
    }
    return (char) value;
  }

  /** Reads a number of the JSON grammar and returns it as written. */
  private String number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw malformed("a bad number");
    }
    if (peek() == '.') {
      pos++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits();
    }
    return text.substring(start, pos);
  }

  private void digits() {
    if (!isDigit(peek())) {
      throw malformed("a bad number");
    }
    while (isDigit(peek())) {
      pos++;
    }
  }

  private String literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw malformed("unexpected character");
    }
    pos += word.length();
    return word;
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("nested deeper than " + MAX_DEPTH);
    }
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private void expect(char wanted) {
    if (next() != wanted) {
      throw malformed("expected '" + wanted + "'");
    }
  }

  /** The character at the position, or NUL at the end (never valid where it is looked for). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw malformed("the text ends too early");
    }
    return text.charAt(pos++);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("not strict JSON at offset " + pos + ": " + what);
  }
}
