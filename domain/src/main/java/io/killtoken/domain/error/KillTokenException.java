package io.killtoken.domain.error;

/**
 * The one error family of KillToken. Sealed so that the HTTP edge maps every leaf in one exhaustive
 * switch: a new error without a mapping does not compile.
 */
public abstract sealed class KillTokenException extends RuntimeException
    permits InvalidApiKey,
        Unauthenticated,
        Conflict,
        PermissionDenied,
        MissingProviderCredential,
        CredentialUnreadable,
        NotFound,
        InvalidRequest,
        LimitExceeded,
        Overloaded,
        PayloadTooLarge,
        SecretUnavailable,
        DependencyUnavailable,
        UpstreamFailure {

  protected KillTokenException(String message) {
    super(message, null, false, false);
  }
}
