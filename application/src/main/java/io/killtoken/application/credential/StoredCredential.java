package io.killtoken.application.credential;

import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.secret.PlainSecret;

/** The result of storing or rotating a credential: the record and, this once, the plaintext. */
public record StoredCredential(Credential credential, PlainSecret plaintext) {}
