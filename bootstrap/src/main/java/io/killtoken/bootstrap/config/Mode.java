package io.killtoken.bootstrap.config;

/** Development runs on embedded defaults; production refuses to start without its secrets. */
public enum Mode {
  DEVELOPMENT,
  PRODUCTION
}
