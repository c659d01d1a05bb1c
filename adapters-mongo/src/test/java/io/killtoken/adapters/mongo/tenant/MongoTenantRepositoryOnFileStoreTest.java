package io.killtoken.adapters.mongo.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.killtoken.adapters.mongo.connection.MongoConnection;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantRepository;
import io.killtoken.domain.tenant.TenantRepositoryContract;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository on the embedded default's kind of store: mongo-java-server with its H2 backend
 * keeping data in a file, as a single node runs without a MongoDB of its own.
 */
class MongoTenantRepositoryOnFileStoreTest extends TenantRepositoryContract {

  @TempDir static Path folder;

  private static MongoServer server;
  private static MongoConnection connection;

  @BeforeAll
  static void startStore() {
    server = fileServer(folder.resolve("contract.mv"));
    connection = MongoConnection.open(url(server), "killtoken");
  }

  @AfterAll
  static void stopStore() {
    connection.close();
    server.shutdownNow();
  }

  @Override
  protected TenantRepository repository() {
    return new MongoTenantRepository(connection.database());
  }

  @Test
  void tenants_survive_a_restart_of_the_store(@TempDir Path own) {
    Path file = own.resolve("restart.mv");
    Tenant acme = tenant("Acme").withPlan(Plan.PRO);

    withStore(
        file,
        repository -> {
          repository.save(acme);
          return null;
        });
    Optional<Tenant> found = withStore(file, repository -> repository.find(acme.id()));

    assertEquals(Optional.of(acme), found);
  }

  private static <T> T withStore(Path file, Function<TenantRepository, T> work) {
    MongoServer store = fileServer(file);
    try (MongoConnection client = MongoConnection.open(url(store), "killtoken")) {
      return work.apply(new MongoTenantRepository(client.database()));
    } finally {
      // shutdown() closes the backend, which writes the file.
      store.shutdown();
    }
  }

  private static MongoServer fileServer(Path file) {
    MongoServer store = new MongoServer(new H2Backend(file.toString()));
    store.bind("127.0.0.1", 0);
    return store;
  }

  private static String url(MongoServer store) {
    return "mongodb://127.0.0.1:" + store.getLocalAddress().getPort();
  }
}
