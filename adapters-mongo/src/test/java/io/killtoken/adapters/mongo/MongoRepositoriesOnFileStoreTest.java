package io.killtoken.adapters.mongo;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.killtoken.adapters.mongo.apikey.MongoApiKeyRepository;
import io.killtoken.adapters.mongo.connection.MongoConnection;
import io.killtoken.adapters.mongo.credential.MongoCredentialRepository;
import io.killtoken.adapters.mongo.session.MongoSessionRepository;
import io.killtoken.adapters.mongo.settings.MongoSettingsRepository;
import io.killtoken.adapters.mongo.user.MongoUserRepository;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.apikey.ApiKeyRepositoryContract;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.credential.CredentialRepositoryContract;
import io.killtoken.domain.session.SessionRepository;
import io.killtoken.domain.session.SessionRepositoryContract;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.SettingsRepositoryContract;
import io.killtoken.domain.user.UserRepository;
import io.killtoken.domain.user.UserRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repositories on the embedded default's kind of store: mongo-java-server with its H2 backend
 * keeping data in a file, as a single node runs without a MongoDB of its own. Its indexes and
 * writes are not the memory backend's, so the contracts run here too.
 */
class MongoRepositoriesOnFileStoreTest {

  @TempDir static Path folder;

  private static MongoServer server;
  private static MongoConnection connection;

  @BeforeAll
  static void startStore() {
    server = new MongoServer(new H2Backend(folder.resolve("repositories.mv").toString()));
    server.bind("127.0.0.1", 0);
    connection =
        MongoConnection.open(
            "mongodb://127.0.0.1:" + server.getLocalAddress().getPort(), "killtoken");
  }

  @AfterAll
  static void stopStore() {
    connection.close();
    server.shutdownNow();
  }

  private static MongoDatabase database() {
    return connection.database();
  }

  @Nested
  class Users extends UserRepositoryContract {
    private final UserRepository repository = new MongoUserRepository(database());

    @Override
    protected UserRepository repository() {
      return repository;
    }
  }

  @Nested
  class Sessions extends SessionRepositoryContract {
    private final SessionRepository repository = new MongoSessionRepository(database());

    @Override
    protected SessionRepository repository() {
      return repository;
    }
  }

  @Nested
  class ApiKeys extends ApiKeyRepositoryContract {
    private final ApiKeyRepository repository = new MongoApiKeyRepository(database());

    @Override
    protected ApiKeyRepository repository() {
      return repository;
    }
  }

  @Nested
  class Credentials extends CredentialRepositoryContract {
    private final CredentialRepository repository = new MongoCredentialRepository(database());

    @Override
    protected CredentialRepository repository() {
      return repository;
    }
  }

  @Nested
  class Settings extends SettingsRepositoryContract {
    private final SettingsRepository repository = new MongoSettingsRepository(database());

    @Override
    protected SettingsRepository repository() {
      return repository;
    }
  }
}
