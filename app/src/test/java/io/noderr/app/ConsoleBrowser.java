package io.noderr.app;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's headless Chromium, for the browser test and the Nodes view benchmark.
 * Uses /usr/bin/chromium and /usr/bin/chromedriver; never lets Selenium download a browser.
 */
public final class ConsoleBrowser implements AutoCloseable {

  private final URI base;
  private final WebDriver browser;
  private final WebDriverWait wait;

  public ConsoleBrowser(URI base) throws IOException {
    this.base = base;
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .build();
    this.browser = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  /** Signs in through the login view and waits for the dashboard's fleet total. */
  public void signIn(String user, String password) {
    browser.get(base.resolve("/login").toString());
    // Vaadin 24 renders the native inputs in the light DOM of its text fields.
    wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")))
        .sendKeys(user);
    browser
        .findElement(By.cssSelector("#vaadinLoginPassword input"))
        .sendKeys(password + Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fleet-total")));
    wait.until(d -> !d.findElement(By.id("fleet-total")).getText().isBlank());
  }

  public void open(String path) {
    browser.get(base.resolve(path).toString());
  }

  public void waitForText(String text) {
    wait.until(d -> d.getPageSource().contains(text));
  }

  /**
   * Waits for the element with this id, looking every 20 ms rather than WebDriverWait's 500: what a
   * bench times is the page, not the poll.
   */
  public void waitForElement(String id) {
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .pollingEvery(Duration.ofMillis(20))
        .until(d -> !d.findElements(By.id(id)).isEmpty());
  }

  public String pageSource() {
    return browser.getPageSource();
  }

  /** Types into the input of the Vaadin field with this id. */
  public void type(String fieldId, String text) {
    WebElement input =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#" + fieldId + " input")));
    input.sendKeys(text);
  }

  /** Clicks the element whose own text is exactly {@code text} (e.g. a grid cell). */
  public void clickText(String text) {
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//*[normalize-space(text())='" + text + "']")))
        .click();
  }

  /**
   * Clicks the element with this id (a button), scrolled to the middle of the view first: the
   * console's content scrolls inside its layout, where the browser's own scrolling does not reach.
   */
  public void click(String id) {
    WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    wait.until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  /** Runs a script in the page (e.g. a test stand-in for a browser wallet); returns its result. */
  public Object run(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  /** Scrolls the element with this id to the top of the window, for a screenshot of it. */
  public void scrollTo(String id) {
    WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
  }

  public void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    browser.quit();
  }
}
