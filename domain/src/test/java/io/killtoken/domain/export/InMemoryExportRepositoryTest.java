package io.killtoken.domain.export;

class InMemoryExportRepositoryTest extends ExportRepositoryContract {

  private final InMemoryExportRepository repository = new InMemoryExportRepository();

  @Override
  protected ExportRepository repository() {
    return repository;
  }
}
