package io.killtoken.bootstrap.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One persistent HTTP/1.1 connection written byte by byte on a plain socket, so a test controls
 * exactly what goes over the wire — a reused connection, a NUL in a header, a raw {@code %00} —
 * without a client library cleaning it up first.
 */
public final class RawConnection implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawConnection(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(15_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of one request: the request line, the given headers, a Host and the body. */
  public static byte[] request(
      String method, String target, List<Map.Entry<String, String>> headers, String body) {
    StringBuilder text = new StringBuilder();
    text.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    text.append("Host: 127.0.0.1\r\n");
    for (Map.Entry<String, String> header : headers) {
      text.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      text.append("Content-Type: application/json\r\n");
      text.append("Content-Length: ").append(content.length).append("\r\n");
    }
    text.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(content);
    return bytes.toByteArray();
  }

  public Response send(
      String method, String target, List<Map.Entry<String, String>> headers, String body) {
    return exchange(request(method, target, headers, body), method.equals("HEAD"));
  }

  /** Writes the bytes as they are and reads one response. */
  public Response exchange(byte[] request, boolean head) {
    try {
      out.write(request);
      out.flush();
      return read(head);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response read(boolean head) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
    }
    Response headOnly = new Response(status, headers, "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (head || status == 204 || status == 304) {
      return headOnly;
    }
    String length = headOnly.header("Content-Length");
    String encoding = headOnly.header("Transfer-Encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      for (int size = Integer.parseInt(line().split(";")[0].strip(), 16);
          size > 0;
          size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
        body.writeBytes(in.readNBytes(size));
        line();
      }
      for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
        // trailers are not used by these tests
      }
    } else if (length != null) {
      body.writeBytes(in.readNBytes(Integer.parseInt(length)));
    } else {
      body.writeBytes(in.readAllBytes());
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One response as it came over the wire. */
  public record Response(int status, List<Map.Entry<String, String>> headers, String body) {

    public Response {
      headers = List.copyOf(headers);
    }

    /** The first value of the header, by case-insensitive name, or null. */
    public String header(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
    }

    public List<String> headers(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .toList();
    }
  }
}
