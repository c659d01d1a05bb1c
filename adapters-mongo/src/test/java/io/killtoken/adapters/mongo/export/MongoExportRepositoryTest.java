package io.killtoken.adapters.mongo.export;

import com.mongodb.client.MongoDatabase;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.domain.export.ExportRepository;
import io.killtoken.domain.export.ExportRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MongoExportRepositoryTest extends ExportRepositoryContract {

  private static MongoDatabase database;
  private static MongoExportRepository repository;

  @BeforeAll
  static void freshDatabase() {
    database = MongoFixture.shared().freshDatabase();
    repository = new MongoExportRepository(database);
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @Override
  protected ExportRepository repository() {
    return repository;
  }
}
