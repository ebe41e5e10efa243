package io.noderr.console.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.AbstractConsoleIT;
import io.noderr.console.ConsoleTestApplication;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The documentation site as a browser meets it: a started console (a real web server, Spring
 * Security's chains and Vaadin's servlet in front, the docs-site jar on the classpath), asked by a
 * stranger. The pages, the screenshots and the search index are public; paths that try to climb out
 * of the site are refused; nothing else became public. Then headless Chromium searches and follows
 * a result.
 *
 * <p>The shared context is a mock web environment (MockMvc), which neither runs the servlet
 * container's URL handling nor lets a browser in; this class needs a real port, so it has its own
 * context: the shared one's settings with {@code RANDOM_PORT}.
 */
@SpringBootTest(
    classes = ConsoleTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.banner-mode=off",
      "NODERR_DEMO_PASSWORD=noderr-demo",
      "spring.mvc.problemdetails.enabled=true",
      "springdoc.paths-to-match=/api/**",
      "vaadin.allowed-packages=io.noderr.console,com.vaadin",
      "vaadin.launch-browser=false",
      "noderr.console.push-interval=1h",
      "noderr.console.temporal-ui-url=http://temporal-ui.test:8233/",
      "noderr.economics.distributor-address=0xd15d15d15d15d15d15d15d15d15d15d15d15d15d",
      "noderr.docs.reports-dir=${java.io.tmpdir}/noderr-docs-site-it-reports"
    })
class DocsSiteIT extends AbstractConsoleIT {

  /** What the reports module writes, as the build leaves it for {@code ./noderr up}. */
  private static final Path REPORTS =
      Path.of(System.getProperty("java.io.tmpdir"), "noderr-docs-site-it-reports");

  static {
    try {
      Files.createDirectories(REPORTS);
      Files.writeString(
          REPORTS.resolve("test-report.html"),
          "<!DOCTYPE html><html><head><title>Noderr test report</title></head><body>711 tests</body></html>");
      Files.writeString(REPORTS.resolve("report.css"), "body{color:#222}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+\\.png)\"");

  @LocalServerPort int port;

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Test
  void docs_redirectsToTheIndex_whichAStrangerReads_withTheNavigation() throws Exception {
    for (String path : new String[] {"/docs", "/docs/"}) {
      HttpResponse<String> redirect = get(path);
      assertThat(redirect.statusCode()).as(path).isEqualTo(302);
      assertThat(redirect.headers().firstValue("Location"))
          .as(path)
          .hasValueSatisfying(location -> assertThat(location).endsWith("/docs/index.html"));
    }

    HttpResponse<String> index = get("/docs/index.html");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    // The home page is docs/index.md: its title is its first heading.
    Matcher title = Pattern.compile("<title>([^<]+)</title>").matcher(index.body());
    assertThat(title.find()).isTrue();
    assertThat(index.body())
        .contains("<h1 id=\"", ">" + title.group(1) + "</h1>")
        .contains("<nav class=\"sidebar\"")
        .contains("<section class=\"nav-section\">")
        .contains("<a href=\"claiming.html\">")
        .contains("<a href=\"readme.html\">")
        .contains("id=\"search\"");
    // Cacheable for a while, and no session for a reader.
    assertThat(index.headers().firstValue("Cache-Control")).hasValue("max-age=300, public");
    assertThat(index.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(index.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
  }

  @Test
  void theBuildsTestReport_isServedUnderDocsReports_andNeverCached() throws Exception {
    for (String path : new String[] {"/docs/reports", "/docs/reports/"}) {
      HttpResponse<String> redirect = get(path);
      assertThat(redirect.statusCode()).as(path).isEqualTo(302);
      assertThat(redirect.headers().firstValue("Location"))
          .as(path)
          .hasValueSatisfying(
              location -> assertThat(location).endsWith("/docs/reports/test-report.html"));
    }
    HttpResponse<String> report = get("/docs/reports/test-report.html");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.body()).contains("711 tests");
    assertThat(report.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(cache -> assertThat(cache).contains("no-cache"));
    assertThat(get("/docs/reports/report.css").statusCode()).isEqualTo(200);
    assertThat(get("/docs/reports/launch-checklist.html").statusCode()).isEqualTo(404);
  }

  @Test
  void theReadme_itsScreenshots_andTheSearchIndex_areServed() throws Exception {
    HttpResponse<String> readme = get("/docs/readme.html");
    assertThat(readme.statusCode()).isEqualTo(200);
    assertThat(readme.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    Matcher image = IMAGE.matcher(readme.body());
    assertThat(image.find()).as("an image in readme.html").isTrue();

    HttpResponse<byte[]> png =
        http.send(request("/docs/" + image.group(1)), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');

    HttpResponse<String> search = get("/docs/search-index.json");
    assertThat(search.statusCode()).isEqualTo(200);
    JsonNode pages = new ObjectMapper().readTree(search.body()).get("pages");
    assertThat(pages.size()).isGreaterThan(20);
    JsonNode claiming = null;
    for (JsonNode page : pages) {
      assertThat(page.get("title").asText()).isNotBlank();
      assertThat(page.get("sections").size()).as(page.get("url").asText()).isPositive();
      if (page.get("url").asText().equals("claiming.html")) {
        claiming = page;
      }
    }
    assertThat(claiming).isNotNull();
    JsonNode first = claiming.get("sections").get(0);
    assertThat(first.get("anchor").asText()).isNotBlank();
    assertThat(first.get("heading").asText()).isEqualTo(claiming.get("title").asText());
    assertThat(first.get("excerpt").asText()).isNotBlank();
  }

  @Test
  void pathsClimbingOutOfTheSite_areRefused() throws Exception {
    for (String path :
        new String[] {
          "/docs/../application.yml",
          "/docs/../../application.yml",
          "/docs/%2e%2e/application.yml",
          "/docs/%2E%2E/application.yml",
          "/docs/..%2fapplication.yml",
          "/docs/..%2Fapplication.yml",
          "/docs/%2e%2e%2fapplication.yml",
          "/docs/..%5capplication.yml",
          "/docs/..\\application.yml",
          "/docs/%252e%252e/application.yml",
          "/docs/.%2e/application.yml",
          "/docs/runbooks/../../logback-test.xml",
          "/docs/;/../logback-test.xml",
          "/docs/..;/logback-test.xml",
          "/docs//../logback-test.xml",
          "/docs/%00../logback-test.xml",
          "/docs/classpath:logback-test.xml",
          "/docs/file:/etc/passwd",
          "/docs/WEB-INF/web.xml",
          "/docs/META-INF/MANIFEST.MF",
          "/docs/../io/noderr/console/docs/DocsSiteConfiguration.class"
        }) {
      RawResponse response = raw(path);
      assertThat(response.status()).as(path + "\n" + response.text()).isBetween(400, 499);
      assertThat(response.text())
          .as(path)
          .doesNotContain("<configuration")
          .doesNotContain("spring:")
          .doesNotContain("root:")
          .doesNotContain("Manifest-Version");
    }
  }

  @Test
  void nothingElseBecamePublic() throws Exception {
    HttpResponse<String> console = get("/");
    assertThat(console.statusCode()).isEqualTo(302);
    assertThat(console.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    assertThat(get("/nodes").statusCode()).isEqualTo(302);
    assertThat(get("/api/v1/nodes").statusCode()).isEqualTo(401);
    assertThat(get("/actuator/env").statusCode()).isEqualTo(401);
    // The docs chain permits reading only.
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri("/docs/index.html"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(get("/docs/no-such-page.html").statusCode()).isEqualTo(404);
  }

  @Test
  void inChromium_typingInTheSearchBox_listsMatchingSections_andAResultOpensItsPage()
      throws Exception {
    WebDriver browser = chromium();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(uri("/docs/index.html").toString());
      assertThat(browser.getTitle())
          .isEqualTo(browser.findElement(By.cssSelector("main.content h1")).getText());
      assertThat(browser.findElements(By.cssSelector("nav.sidebar .nav-section a")))
          .hasSizeGreaterThan(20);

      browser.findElement(By.id("search")).sendKeys("claim");

      WebElement result =
          wait.until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("#search-results a[href^='claiming.html']")));
      assertThat(result.getText()).isNotBlank();
      result.click();

      wait.until(ExpectedConditions.urlContains("/docs/claiming.html"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.content h1")));
      assertThat(browser.getTitle())
          .isEqualTo(browser.findElement(By.cssSelector("main.content h1")).getText());
      assertThat(browser.findElement(By.cssSelector("nav.sidebar a.current")).getAttribute("href"))
          .endsWith("/docs/claiming.html");
    } finally {
      browser.quit();
    }
  }

  /** Debian's headless Chromium (/usr/bin), never one Selenium downloads. */
  private static WebDriver chromium() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
        "--user-data-dir=" + Files.createTempDirectory("chromium-docs"));
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .build(),
        options);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(30)).build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  record RawResponse(int status, String text) {}

  /**
   * Sends the path exactly as written (an HTTP client would normalize or refuse some of these
   * before they left).
   */
  private RawResponse raw(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      String statusLine = text.substring(0, Math.max(0, text.indexOf("\r\n")));
      String[] parts = statusLine.split(" ");
      return new RawResponse(parts.length > 1 ? Integer.parseInt(parts[1]) : -1, text);
    }
  }
}
