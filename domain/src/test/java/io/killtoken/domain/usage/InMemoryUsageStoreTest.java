package io.killtoken.domain.usage;

class InMemoryUsageStoreTest extends UsageQueriesContract {

  private final InMemoryUsageStore store = new InMemoryUsageStore();

  @Override
  protected UsageSink sink() {
    return store;
  }

  @Override
  protected UsageQueries queries() {
    return store;
  }

  @Override
  protected UsageRetention retention() {
    return store;
  }

  @Override
  protected void flush() {}
}
