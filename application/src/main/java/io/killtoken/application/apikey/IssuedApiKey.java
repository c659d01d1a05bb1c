package io.killtoken.application.apikey;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.PlainApiKey;

/** The result of {@link IssueApiKey}: the stored key and, this once, the full key. */
public record IssuedApiKey(ApiKey key, PlainApiKey plain) {}
