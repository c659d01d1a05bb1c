package io.killtoken.adapters.crypto.password;

import com.password4j.ScryptFunction;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.user.PasswordHash;
import io.killtoken.domain.user.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Hashes dashboard passwords with scrypt (password4j) under explicit parameters at or above OWASP's
 * minimum and a fresh random salt per hash; verifies in constant time. Only as many hashes run at
 * once as the heap holds ({@link ScryptCapacity}); the others wait up to a bound and are then
 * refused with {@link io.killtoken.domain.error.Overloaded} (503, Retry-After).
 */
public final class ScryptPasswordHasher implements PasswordHasher {

  /** 128 bits, the salt length NIST SP 800-132 asks for. */
  static final int SALT_BYTES = 16;

  // A stored hash names its own cost; refusing absurd ones keeps a corrupted or planted row from
  // making one login allocate gigabytes.
  private static final long MAX_MEMORY_BYTES = 1L << 30;
  private static final int MAX_PARALLELISM = 16;

  /** How long a hash waits for room in the heap before the request is refused. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

  private final ScryptParameters parameters;
  private final ScryptFunction function;
  private final ScryptGate gate;
  private final SecureRandom random = new SecureRandom();

  /** A hasher at {@link ScryptParameters#OWASP_MINIMUM}, bounded by this JVM's heap. */
  public ScryptPasswordHasher() {
    this(ScryptParameters.OWASP_MINIMUM);
  }

  /** A hasher with these parameters, bounded by this JVM's heap. */
  public ScryptPasswordHasher(ScryptParameters parameters) {
    this(parameters, ScryptCapacity.ofThisJvm(), DEFAULT_MAX_WAIT);
  }

  /**
   * @param capacity how much scrypt work the heap holds at once; a heap too small for even one hash
   *     still lets one run at a time (see {@link ScryptCapacity#concurrentHashes})
   * @param maxWait how long a hash waits for room before it is refused
   * @throws IllegalArgumentException when a parameter is below {@link
   *     ScryptParameters#OWASP_MINIMUM}, which the security page rules out, or the cost is above
   *     what {@link #verify} accepts from a stored hash
   */
  public ScryptPasswordHasher(
      ScryptParameters parameters, ScryptCapacity capacity, Duration maxWait) {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(maxWait, "maxWait");
    if (!parameters.atLeast(ScryptParameters.OWASP_MINIMUM)) {
      throw new IllegalArgumentException(
          "scrypt parameters must be at least N=2^17, r=8, p=1, 32-byte key");
    }
    if (!affordable(parameters)) {
      throw new IllegalArgumentException(
          "scrypt parameters must stay within 1 GiB of memory and p <= " + MAX_PARALLELISM);
    }
    this.parameters = parameters;
    this.function = functionFor(parameters);
    this.gate =
        new ScryptGate(
            (int) Math.max(capacity.budgetMib(), ScryptCapacity.mibOf(parameters)), maxWait);
  }

  /** Hashes a password with a fresh random salt; two hashes of one password differ. */
  @Override
  public PasswordHash hash(PlainSecret password) {
    Objects.requireNonNull(password, "password");
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] plain = password.value().getBytes(StandardCharsets.UTF_8);
    try {
      return gate.run(
          ScryptCapacity.mibOf(parameters),
          () -> new PasswordHash(function.hash(plain, salt).getResult()));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * True when the password matches the stored hash, under the parameters the hash itself states (so
   * hashes made before a parameter raise keep verifying). The derived keys are compared in constant
   * time. A malformed stored hash is never a match.
   */
  @Override
  public boolean verify(PlainSecret password, PasswordHash stored) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(stored, "stored");
    Optional<EncodedScrypt> parsed = EncodedScrypt.parse(stored.encoded());
    if (parsed.isEmpty() || !affordable(parsed.get().parameters())) {
      return false;
    }
    ScryptParameters stated = parsed.get().parameters();
    byte[] plain = password.value().getBytes(StandardCharsets.UTF_8);
    try {
      return gate.run(ScryptCapacity.mibOf(stated), () -> check(stated, plain, stored));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * True when the stored hash is weaker than this hasher's parameters (or its salt is short, or it
   * is not a scrypt hash at all): hash the password again after the next successful login.
   */
  @Override
  public boolean needsRehash(PasswordHash stored) {
    Objects.requireNonNull(stored, "stored");
    return EncodedScrypt.parse(stored.encoded())
        .map(hash -> !hash.parameters().atLeast(parameters) || hash.saltLength() < SALT_BYTES)
        .orElse(true);
  }

  private static boolean check(ScryptParameters stated, byte[] plain, PasswordHash stored) {
    try {
      return functionFor(stated).check(plain, stored.encoded().getBytes(StandardCharsets.US_ASCII));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** How many hashes with this hasher's parameters may run at once. */
  public int concurrentHashes() {
    return (int) (gate.totalMib() / ScryptCapacity.mibOf(parameters));
  }

  /** The parameters new hashes are made with. */
  public ScryptParameters parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    return "ScryptPasswordHasher[" + parameters + "]";
  }

  private static boolean affordable(ScryptParameters stated) {
    return stated.memoryBytes() <= MAX_MEMORY_BYTES && stated.p() <= MAX_PARALLELISM;
  }

  private static ScryptFunction functionFor(ScryptParameters p) {
    return ScryptFunction.getInstance(p.n(), p.r(), p.p(), p.keyLength());
  }
}
