package io.killtoken.domain.credential;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The SSRF guard on a credential's own base URL, under the operator's {@link BaseUrlMode}. A URL is
 * checked when the credential is stored and again before every call, because the DNS answer for its
 * host can change in between (DNS rebinding); every address the host resolves to must be allowed,
 * not just one. Refusals never name the addresses a host resolved to.
 */
public final class CustomBaseUrls {

  private static final String CALL_REFUSED =
      "The base URL of this credential may not be called: its host no longer passes this"
          + " gateway's address rules.";

  private final BaseUrlMode mode;
  private final HostResolver resolver;

  public CustomBaseUrls(BaseUrlMode mode, HostResolver resolver) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** The default: no credential may have a base URL. */
  public static CustomBaseUrls off() {
    return new CustomBaseUrls(BaseUrlMode.OFF, host -> List.of());
  }

  public BaseUrlMode mode() {
    return mode;
  }

  /**
   * The normalised base URL to store with a new credential.
   *
   * @throws InvalidRequest naming {@code base_url} and the rule it breaks
   */
  public URI checkedForCreation(String raw) {
    Objects.requireNonNull(raw, "raw");
    if (mode == BaseUrlMode.OFF) {
      throw new InvalidRequest(
          "'base_url' is not accepted: custom base URLs are off on this gateway (the operator"
              + " allows them with "
              + BaseUrlMode.SETTING
              + "=public or private).");
    }
    BaseUrlShape shape = BaseUrlShape.parse(raw, mode == BaseUrlMode.PRIVATE);
    // One message whether the host resolved to a forbidden address or not at all, so the field
    // cannot be used to learn which names exist in the gateway's internal DNS.
    List<InetAddress> addresses = addressesOf(shape);
    if (addresses.isEmpty() || !addresses.stream().allMatch(this::allowed)) {
      throw new InvalidRequest(
          mode == BaseUrlMode.PUBLIC
              ? "'base_url' host must resolve, and only to public internet addresses: loopback,"
                  + " private, link-local, carrier-grade NAT and other special-purpose ranges are"
                  + " refused."
              : "'base_url' host must resolve, and only to unicast addresses: unspecified,"
                  + " multicast and broadcast addresses are refused.");
    }
    return shape.url();
  }

  /**
   * The stored base URL, checked again right before a call: resolved anew and every address
   * classified, under the mode in force now (an operator may have narrowed it since).
   *
   * @throws PermissionDenied when the URL may not be called (now)
   * @throws RetriableUpstreamFailure when its host does not resolve at the moment
   */
  public URI checkedForCall(URI stored) {
    Objects.requireNonNull(stored, "stored");
    if (mode == BaseUrlMode.OFF) {
      throw new PermissionDenied(
          "This credential has a base URL, but custom base URLs are off on this gateway ("
              + BaseUrlMode.SETTING
              + ").");
    }
    BaseUrlShape shape;
    try {
      shape = BaseUrlShape.parse(stored.toString(), mode == BaseUrlMode.PRIVATE);
    } catch (InvalidRequest e) {
      throw new PermissionDenied(CALL_REFUSED);
    }
    List<InetAddress> addresses = addressesOf(shape);
    if (addresses.isEmpty()) {
      // Like a connect failure on a provider's own URL: nothing was sent, trying again may work.
      throw new RetriableUpstreamFailure(
          "The base URL host of this credential does not resolve.", 0, null);
    }
    if (!addresses.stream().allMatch(this::allowed)) {
      throw new PermissionDenied(CALL_REFUSED);
    }
    return shape.url();
  }

  private List<InetAddress> addressesOf(BaseUrlShape shape) {
    if (shape.literal().isPresent()) {
      return List.of(shape.literal().get());
    }
    if (shape.host().equals("localhost") || shape.host().endsWith(".localhost")) {
      // RFC 6761: these names are loopback whatever a resolver says.
      return List.of(InetAddress.getLoopbackAddress());
    }
    List<InetAddress> resolved = resolver.addressesOf(shape.host());
    return resolved == null ? List.of() : resolved;
  }

  private boolean allowed(InetAddress address) {
    AddressScope scope = AddressScope.of(address);
    return scope == AddressScope.GLOBAL
        || (scope == AddressScope.INTERNAL && mode == BaseUrlMode.PRIVATE);
  }
}
