package io.killtoken.bench;

import java.util.Objects;

/** One point of the matrix: the same load, straight to the fake provider and through KillToken. */
record Point(int latencyMillis, int concurrency, Kind kind, Window direct, Window gateway) {

  Point {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(direct, "direct");
    Objects.requireNonNull(gateway, "gateway");
  }

  double throughputRatio() {
    return gateway.sample().throughput() / direct.sample().throughput();
  }

  double addedP50() {
    return gateway.sample().total().p50() - direct.sample().total().p50();
  }

  double addedP99() {
    return gateway.sample().total().p99() - direct.sample().total().p99();
  }

  double addedFirstTokenP50() {
    return gateway.sample().firstToken().p50() - direct.sample().firstToken().p50();
  }

  double addedFirstTokenP99() {
    return gateway.sample().firstToken().p99() - direct.sample().firstToken().p99();
  }

  /** KillToken's CPU milliseconds per call through it. */
  double killTokenCpuPerCall() {
    return Window.perCall(gateway.cpu().killToken(), gateway.sample());
  }

  /** The MongoDB-wire server's CPU milliseconds per call through KillToken. */
  double mongoWireCpuPerCall() {
    return Window.perCall(gateway.cpu().mongoWire(), gateway.sample());
  }

  /** Redis's CPU milliseconds per call through KillToken. */
  double redisCpuPerCall() {
    return Window.perCall(gateway.cpu().redis(), gateway.sample());
  }
}
