package io.killtoken.adapters.crypto.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The master AEAD keyset that seals every stored secret: parsed from the operator's cleartext Tink
 * JSON, generated for development, and rotated. Its primary key is always AES-256-GCM.
 */
public final class MasterKeyset {

  // A Configuration object instead of the global Tink registry: nothing in the process can widen
  // what this keyset accepts, and the Configuration-taking overloads are the non-deprecated ones.
  private static final Configuration AEAD_ONLY = AeadConfig2026.get();

  private static final int AES_256_KEY_BYTES = 32;

  private final KeysetHandle handle;
  private final Aead aead;

  private MasterKeyset(KeysetHandle handle) {
    requireAes256GcmPrimary(handle);
    this.handle = handle;
    try {
      this.aead = handle.getPrimitive(AEAD_ONLY, Aead.class);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidMasterKeyset("master keyset holds keys that cannot be used for AEAD");
    }
  }

  /**
   * Parses a cleartext Tink JSON keyset, as operators pass it in {@code KILLTOKEN_MASTER_KEYSET} or
   * the file {@code KILLTOKEN_MASTER_KEYSET_FILE} names.
   *
   * @throws InvalidMasterKeyset when the text is not a Tink JSON keyset of AEAD keys or its primary
   *     key is not AES-256-GCM
   */
  public static MasterKeyset fromJson(String tinkJsonKeyset) {
    if (tinkJsonKeyset == null || tinkJsonKeyset.isBlank()) {
      throw new InvalidMasterKeyset("master keyset is empty");
    }
    KeysetHandle parsed;
    try {
      parsed =
          TinkJsonProtoKeysetFormat.parseKeyset(
              tinkJsonKeyset.strip(), AEAD_ONLY, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      // The cause is dropped on purpose: parser messages may quote the input, which is key
      // material.
      throw new InvalidMasterKeyset(
          "master keyset is not a cleartext Tink JSON keyset of AEAD keys"
              + " (expected the output of 'tinkey create-keyset --key-template AES256_GCM --out-format json'"
              + " or of KillToken's keyset generation)");
    }
    return new MasterKeyset(parsed);
  }

  /** A new keyset holding one fresh AES-256-GCM key; used for the development keyset file. */
  public static MasterKeyset generate() {
    try {
      return new MasterKeyset(
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AEAD_ONLY));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not generate an AES-256-GCM key", e);
    }
  }

  /**
   * A copy of this keyset with a fresh AES-256-GCM key added as the primary. Every old key stays
   * enabled, so secrets sealed before still open; new seals use the new key.
   *
   * <p>On several nodes, roll out {@link #stageNewKey()} first and {@link #promote(int)} second, so
   * no node meets a ciphertext from a key it does not hold yet.
   */
  public MasterKeyset rotate() {
    return withNewKey(true);
  }

  /**
   * A copy of this keyset with a fresh AES-256-GCM key added but not yet primary: nodes running it
   * can already open what the new key will seal, while still sealing with the current primary.
   */
  public MasterKeyset stageNewKey() {
    return withNewKey(false);
  }

  /**
   * A copy of this keyset in which the enabled key {@code keyId} is the primary.
   *
   * @throws IllegalArgumentException when the keyset holds no enabled key with that id
   * @throws InvalidMasterKeyset when that key is not AES-256-GCM
   */
  public MasterKeyset promote(int keyId) {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle).setConfiguration(AEAD_ONLY);
    for (int i = 0; i < handle.size(); i++) {
      KeysetHandle.Entry entry = handle.getAt(i);
      if (entry.getId() == keyId && entry.getStatus() == KeyStatus.ENABLED) {
        // Builder entries keep the handle's order, so index i is the same key.
        builder.getAt(i).makePrimary();
        return new MasterKeyset(build(builder));
      }
    }
    throw new IllegalArgumentException("master keyset holds no enabled key with id " + keyId);
  }

  /** The id of the key new seals use (not secret: Tink writes it in front of each ciphertext). */
  public int primaryKeyId() {
    return handle.getPrimary().getId();
  }

  /** The ids of every key in the keyset, in keyset order. */
  public List<Integer> keyIds() {
    List<Integer> ids = new ArrayList<>(handle.size());
    for (int i = 0; i < handle.size(); i++) {
      ids.add(handle.getAt(i).getId());
    }
    return List.copyOf(ids);
  }

  /**
   * The keyset as cleartext Tink JSON, key material included: write it only to the keyset file or
   * secret store it belongs in, never to a log.
   */
  public String toJson() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          handle, AEAD_ONLY, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not serialize the master keyset", e);
    }
  }

  /** The AEAD over every key of this keyset: seals with the primary, opens with any key. */
  Aead aead() {
    return aead;
  }

  @Override
  public String toString() {
    return "MasterKeyset[primaryKeyId=" + primaryKeyId() + ", keys=" + handle.size() + "]";
  }

  private MasterKeyset withNewKey(boolean primary) {
    KeysetHandle.Builder.Entry entry =
        KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
            .withRandomId();
    if (primary) {
      entry.makePrimary();
    }
    return new MasterKeyset(
        build(KeysetHandle.newBuilder(handle).setConfiguration(AEAD_ONLY).addEntry(entry)));
  }

  private static KeysetHandle build(KeysetHandle.Builder builder) {
    try {
      return builder.build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not build the master keyset", e);
    }
  }

  private static void requireAes256GcmPrimary(KeysetHandle handle) {
    Key primary;
    try {
      primary = handle.getPrimary().getKey();
    } catch (RuntimeException e) {
      throw new InvalidMasterKeyset("master keyset has no enabled primary key");
    }
    // Parameters describe the algorithm only, never key bytes, so naming them leaks nothing.
    if (!(primary.getParameters() instanceof AesGcmParameters gcm)) {
      throw new InvalidMasterKeyset(
          "master keyset primary key must be AES-GCM with a 32-byte key (AES256_GCM), found "
              + primary.getParameters().getClass().getSimpleName());
    }
    if (gcm.getKeySizeBytes() != AES_256_KEY_BYTES) {
      throw new InvalidMasterKeyset(
          "master keyset primary key must be AES-GCM with a 32-byte key (AES256_GCM), found a "
              + gcm.getKeySizeBytes()
              + "-byte AES-GCM key");
    }
  }
}
