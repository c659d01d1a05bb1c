package io.killtoken.domain.user;

import io.killtoken.domain.secret.PlainSecret;

/** Port: slow, salted password hashing (scrypt with parameters at or above OWASP's minimum). */
public interface PasswordHasher {

  PasswordHash hash(PlainSecret password);

  /** Constant-time check; false for a malformed stored hash. */
  boolean verify(PlainSecret password, PasswordHash hash);

  /** True when the stored hash was made with weaker parameters than today's. */
  boolean needsRehash(PasswordHash hash);
}
