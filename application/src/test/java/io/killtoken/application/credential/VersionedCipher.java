package io.killtoken.application.credential;

import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.secret.BindingCheckingCipher;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.secret.SecretCipher;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a keyset after a master-key rotation: seals under its primary key version (visible as a
 * {@code v<N>:} marker) and opens anything sealed under that version or an older one, while the
 * binding is still checked by {@link BindingCheckingCipher}.
 */
final class VersionedCipher implements SecretCipher {

  private static final Pattern MARKED = Pattern.compile("v(\\d+):(.*)", Pattern.DOTALL);

  private final int primary;
  private final BindingCheckingCipher inner = new BindingCheckingCipher();

  VersionedCipher(int primary) {
    this.primary = primary;
  }

  @Override
  public SealedSecret seal(PlainSecret secret, SecretBinding binding) {
    return new SealedSecret("v" + primary + ":" + inner.seal(secret, binding).base64());
  }

  @Override
  public PlainSecret open(SealedSecret sealed, SecretBinding binding) {
    Matcher marked = MARKED.matcher(sealed.base64());
    if (!marked.matches() || Integer.parseInt(marked.group(1)) > primary) {
      throw new SecretUnavailable();
    }
    try {
      return inner.open(new SealedSecret(marked.group(2)), binding);
    } catch (IllegalArgumentException notBase64) {
      // The port promises SecretUnavailable for any unreadable ciphertext, as the Tink adapter
      // does.
      throw new SecretUnavailable();
    }
  }

  static int versionOf(SealedSecret sealed) {
    Matcher marked = MARKED.matcher(sealed.base64());
    if (!marked.matches()) {
      throw new AssertionError("not sealed by a VersionedCipher");
    }
    return Integer.parseInt(marked.group(1));
  }
}
