package io.killtoken.domain.usage;

/** How a gateway call ended. */
public enum UsageStatus {
  OK,
  UPSTREAM_ERROR,
  REJECTED,
  CLIENT_CLOSED
}
