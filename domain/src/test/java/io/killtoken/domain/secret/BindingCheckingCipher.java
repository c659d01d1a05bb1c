package io.killtoken.domain.secret;

import io.killtoken.domain.error.SecretUnavailable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A test cipher that is not secret at all but keeps the one property the domain relies on: a
 * ciphertext opens only under the binding it was sealed with. Real encryption is tested in the
 * crypto adapter.
 */
public final class BindingCheckingCipher implements SecretCipher {

  private static final byte SEPARATOR = 0;

  @Override
  public SealedSecret seal(PlainSecret secret, SecretBinding binding) {
    byte[] ad = binding.associatedData();
    byte[] text = secret.value().getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(ad, ad.length + 1 + text.length);
    out[ad.length] = SEPARATOR;
    System.arraycopy(text, 0, out, ad.length + 1, text.length);
    return new SealedSecret(Base64.getEncoder().encodeToString(out));
  }

  @Override
  public PlainSecret open(SealedSecret sealed, SecretBinding binding) {
    byte[] in = Base64.getDecoder().decode(sealed.base64());
    byte[] ad = binding.associatedData();
    if (in.length <= ad.length
        || in[ad.length] != SEPARATOR
        || !Arrays.equals(ad, Arrays.copyOf(in, ad.length))) {
      throw new SecretUnavailable();
    }
    return new PlainSecret(
        new String(in, ad.length + 1, in.length - ad.length - 1, StandardCharsets.UTF_8));
  }
}
