package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the console in Debian's headless Chromium: sign in, open Nodes, save a screenshot. Never
 * lets Selenium download a browser.
 */
final class ConsoleBrowserCheck {

  private final URI base;

  ConsoleBrowserCheck(URI base) {
    this.base = base;
  }

  void loginOpenNodesAndScreenshot(Path screenshots) throws IOException {
    Path profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,900", "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(base.resolve("/login").toString());
      wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-login-form")));
      // Vaadin 24 renders the native inputs in the light DOM of its text fields.
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")))
          .sendKeys("admin");
      browser
          .findElement(By.cssSelector("#vaadinLoginPassword input"))
          .sendKeys("noderr-demo" + Keys.ENTER);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fleet-total")));
      wait.until(d -> !d.findElement(By.id("fleet-total")).getText().isBlank());
      save(browser, screenshots.resolve("dashboard.png"));

      browser.get(base.resolve("/nodes").toString());
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nodes-grid")));
      wait.until(d -> d.getPageSource().contains("sim-00001"));
      save(browser, screenshots.resolve("nodes.png"));
      assertThat(browser.getPageSource()).contains("op-aurora");
    } finally {
      browser.quit();
    }
  }

  private static void save(WebDriver browser, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
  }
}
