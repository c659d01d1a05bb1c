package io.killtoken.adapters.http.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DashboardAssetsTest {

  private final DashboardAssets assets = new DashboardAssets();

  @Test
  void a_file_is_read_once_and_kept() {
    assertTrue(assets.find("app.js").isPresent());
    assertTrue(assets.find("app.js").isPresent());
    assertTrue(assets.find("vendor/uplot/uPlot.esm.js").isPresent());

    assertEquals(2, assets.held());
  }

  @Test
  void paths_that_name_no_file_are_not_remembered_so_they_cannot_fill_memory() {
    for (int i = 0; i < 1_000; i++) {
      assertTrue(assets.find("missing-" + i + ".js").isEmpty());
    }

    assertEquals(0, assets.held());
  }

  @Test
  void only_plain_paths_of_served_types_are_looked_up() {
    for (String path :
        new String[] {"../index.html", "index.html", "pages/../app.js", "App.JS", "x.class", ""}) {
      assertTrue(assets.find(path).isEmpty(), path);
    }
  }
}
