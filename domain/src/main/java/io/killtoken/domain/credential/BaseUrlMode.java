package io.killtoken.domain.credential;

import java.util.Locale;

/**
 * The operator's setting for base URLs on credentials ({@value #SETTING}): whether a tenant may
 * send its calls to a server of its own, and how far inside the network that server may be.
 */
public enum BaseUrlMode {

  /** The default: a credential never carries a base URL; every call goes to the provider's. */
  OFF,

  /** https only, and the host must resolve to public internet addresses only. */
  PUBLIC,

  /**
   * Also http, loopback, private, link-local and carrier-grade NAT ranges: for self-hosted servers
   * inside the operator's own network. Only for deployments whose tenants are trusted that far.
   */
  PRIVATE;

  /** The environment variable the operator sets. */
  public static final String SETTING = "KILLTOKEN_CREDENTIAL_BASE_URLS";

  /**
   * The mode a setting names ({@code off}, {@code public} or {@code private}, any case).
   *
   * @throws IllegalArgumentException naming the setting and the accepted values
   */
  public static BaseUrlMode parse(String value) {
    String wanted = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    for (BaseUrlMode mode : values()) {
      if (mode.name().equals(wanted)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(SETTING + " must be one of off, public, private");
  }
}
