package io.noderr.console.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocsPathGuardTest {

  @Test
  void dotSegments_backslashes_andNul_areClimbing_rawOrEncoded() {
    for (String path :
        new String[] {
          "/docs/../application.yml",
          "/docs/./index.html",
          "/docs/%2e%2e/application.yml",
          "/docs/%2E%2E/application.yml",
          "/docs/..%2fapplication.yml",
          "/docs/%252e%252e/application.yml",
          "/docs/%25252e%25252e/application.yml",
          "/docs/..;x=1/application.yml",
          "/docs/..\\application.yml",
          "/docs/..%5capplication.yml",
          "/docs/%00/index.html",
          "/docs/%zz/index.html",
          "/docs/%2525252e%2525252e/x"
        }) {
      assertThat(DocsPathGuard.climbs(path)).as(path).isTrue();
    }
  }

  @Test
  void ordinaryPages_pass() {
    for (String path :
        new String[] {
          "/docs",
          "/docs/",
          "/docs/index.html",
          "/docs/runbooks/temporal-lost.html",
          "/docs/screenshots/nodes.png",
          "/docs/search-index.json",
          "/docs/a..b.html"
        }) {
      assertThat(DocsPathGuard.climbs(path)).as(path).isFalse();
    }
  }
}
