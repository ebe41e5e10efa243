package io.noderr.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SitePathsTest {

  private final SitePaths paths = new SitePaths(Set.of("docs/runbooks/README.md")::contains);

  @Test
  void pages_liveUnderTheSiteRoot_theReadmeAsReadmeHtml() {
    assertThat(SitePaths.pageOf("docs/claiming.md")).isEqualTo("claiming.html");
    assertThat(SitePaths.pageOf("docs/runbooks/temporal-lost.md"))
        .isEqualTo("runbooks/temporal-lost.html");
    assertThat(SitePaths.pageOf("README.md")).isEqualTo("readme.html");
    assertThat(SitePaths.rootOf("runbooks/temporal-lost.html")).isEqualTo("../");
    assertThat(SitePaths.rootOf("index.html")).isEmpty();
  }

  @Test
  void markdownLinks_becomeHtml_keepingTheirAnchors() {
    assertThat(paths.rewrite("docs/economics.md", "claiming.md#the-portal"))
        .isEqualTo(new SitePaths.Href("claiming.html#the-portal"));
    assertThat(paths.rewrite("docs/runbooks/temporal-lost.md", "../backup.md"))
        .isEqualTo(new SitePaths.Href("../backup.html"));
    assertThat(paths.rewrite("docs/backup.md", "runbooks/temporal-lost.md#steps"))
        .isEqualTo(new SitePaths.Href("runbooks/temporal-lost.html#steps"));
    assertThat(paths.rewrite("docs/runbooks/a.md", "b.md")).isEqualTo(new SitePaths.Href("b.html"));
  }

  @Test
  void theReadme_isReadmeHtml_fromEveryFolder_andItsLinksIntoDocsLoseTheFolder() {
    assertThat(paths.rewrite("docs/sre.md", "../README.md#commands"))
        .isEqualTo(new SitePaths.Href("readme.html#commands"));
    assertThat(paths.rewrite("docs/runbooks/temporal-lost.md", "../../README.md"))
        .isEqualTo(new SitePaths.Href("../readme.html"));
    assertThat(paths.rewrite("README.md", "docs/economics.md"))
        .isEqualTo(new SitePaths.Href("economics.html"));
    assertThat(paths.rewrite("README.md", "docs/screenshots/nodes.png"))
        .isEqualTo(new SitePaths.Href("screenshots/nodes.png"));
    assertThat(paths.rewrite("README.md", "./docs/runbooks/"))
        .isEqualTo(new SitePaths.Href("runbooks/README.html"));
  }

  @Test
  void repositoryFilesOutsideDocs_becomeTheirPath() {
    assertThat(paths.rewrite("docs/node-hardening.md", "../install/install.sh"))
        .isEqualTo(new SitePaths.RepositoryFile("install/install.sh"));
    assertThat(paths.rewrite("docs/runbooks/temporal-lost.md", "../../deploy/temporal/x.txt#L3"))
        .isEqualTo(new SitePaths.RepositoryFile("deploy/temporal/x.txt"));
    assertThat(paths.rewrite("README.md", "deploy/"))
        .isEqualTo(new SitePaths.RepositoryFile("deploy"));
    assertThat(paths.rewrite("docs/a.md", "../../outside.md"))
        .isEqualTo(new SitePaths.RepositoryFile("../../outside.md"));
  }

  @Test
  void absoluteLinks_anchors_andMail_areLeftAlone() {
    for (String link :
        new String[] {
          "https://docs.temporal.io/", "http://127.0.0.1:8080", "#in-this-page", "mailto:x@y.z"
        }) {
      assertThat(paths.rewrite("docs/a.md", link)).isEqualTo(new SitePaths.Href(link));
    }
  }

  @Test
  void relativeHrefs_betweenSitePaths() {
    assertThat(SitePaths.relative("index.html", "runbooks/a.html")).isEqualTo("runbooks/a.html");
    assertThat(SitePaths.relative("runbooks/a.html", "index.html")).isEqualTo("../index.html");
    assertThat(SitePaths.relative("runbooks/a.html", "runbooks/b.html")).isEqualTo("b.html");
  }
}
