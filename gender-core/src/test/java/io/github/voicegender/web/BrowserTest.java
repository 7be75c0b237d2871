package io.github.voicegender.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: headless Chromium driven by Selenium uploads clips through the
 * page's own controls and reads the answer it shows. Needs Debian's {@code chromium} and {@code
 * chromium-driver} (or CHROME_BIN and CHROMEDRIVER); skipped with the reason when they are absent,
 * except in CI ({@code CI=true}), where their absence fails the test.
 */
@Timeout(120)
class BrowserTest {

  static final String CHROMIUM = env("CHROME_BIN", "/usr/bin/chromium");
  static final String CHROMEDRIVER = env("CHROMEDRIVER", "/usr/bin/chromedriver");

  /** Selenium warns that it has no CDP bindings for this Chromium: the test needs none. Held so it stays set. */
  private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

  @TempDir static Path temp;
  private static GenderWebServer server;
  private static WebDriver driver;
  private static String missingBrowser;

  @BeforeEach
  void browserIsThere() {
    assumeTrue(missingBrowser == null, missingBrowser);
  }

  @BeforeAll
  static void start() throws Exception {
    boolean found = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    String reason = "no headless browser: needs " + CHROMIUM + " and " + CHROMEDRIVER
        + " (apt-get install -y chromium chromium-driver, or set CHROME_BIN and CHROMEDRIVER)";
    if (!found && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + reason);
    }
    if (!found) {
      // Skipped test by test (below), so the report counts them and shows why.
      missingBrowser = "skipped: " + reason;
      return;
    }
    SELENIUM_LOG.setLevel(Level.SEVERE);

    server = GenderWebServer.builder(new PitchThresholdClassifier())
        .port(0)
        .info(Map.of("model", "pitch threshold (test)", "version", "0.0-test"))
        .examples(List.of(new ExampleClip("low", "Low tone", "110 Hz", Tones.wav(1.5, 110), 1.5)))
        .start();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")),
        "--window-size=1200,900",
        // A fake microphone (it beeps) that needs no permission prompt, for the recording test.
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.WARNING);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver is named explicitly, so Selenium Manager never tries to download one.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1200, 900));
  }

  /** Script errors and Content-Security-Policy violations show up in the console; none may. */
  @AfterEach
  void consoleIsClean() {
    if (driver == null) {
      return;
    }
    List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        // The page's own requests that the server refuses (such as 400 for garbage) are expected.
        .filter(message -> !message.contains("Failed to load resource: the server responded with a status of 4"))
        .toList();
    assertEquals(List.of(), problems);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.stop();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private void open() {
    driver.get(server.uri().toString());
    waitFor(d -> d.findElement(By.id("model-text")).getText().startsWith("Model:"));
  }

  private void upload(Path file) {
    driver.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
  }

  private String waitForState(String... states) {
    waitFor(d -> List.of(states).contains(d.findElement(By.id("result-card")).getAttribute("data-state")));
    return driver.findElement(By.id("result-card")).getAttribute("data-state");
  }

  private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
  }

  @Test
  void uploadedClipShowsTheAnswerAndItsProbability() throws Exception {
    Path clip = Files.write(temp.resolve("high voice.wav"), Tones.wav(2, 220));
    open();
    assertEquals("idle", driver.findElement(By.id("result-card")).getAttribute("data-state"));
    assertEquals("Model: pitch threshold (test) · v0.0-test", driver.findElement(By.id("model-text")).getText());

    upload(clip);

    assertEquals("result", waitForState("result", "error"));
    assertEquals("Female", driver.findElement(By.id("result-label")).getText());
    assertEquals("90% sure", driver.findElement(By.id("result-probability")).getText());
    assertEquals("90", driver.findElement(By.id("confidence-bar")).getAttribute("aria-valuenow"));
    assertEquals("2.0 s", driver.findElement(By.id("fact-duration")).getText());
    assertEquals("1", driver.findElement(By.id("fact-segments")).getText());
    assertEquals("high voice.wav", driver.findElement(By.id("clip-name")).getText());
    assertTrue(driver.findElement(By.id("player")).getAttribute("src").startsWith("blob:"),
        "the clip can be played back");
    assertTrue(!driver.findElement(By.id("timeline-block")).isDisplayed(), "no timeline for one window");
  }

  @Test
  void longClipShowsATimelineOfSegments() throws Exception {
    Path clip = Files.write(temp.resolve("turns.wav"), Tones.wav(2, 110, 220, 120, 0));
    open();

    upload(clip);

    assertEquals("result", waitForState("result", "error"));
    assertEquals("Male", driver.findElement(By.id("result-label")).getText());
    List<WebElement> segments = driver.findElements(By.cssSelector("#timeline .segment"));
    assertEquals(4, segments.size());
    assertEquals(List.of("segment male", "segment female", "segment male", "segment unknown"),
        segments.stream().map(s -> s.getAttribute("class")).toList());
    assertEquals("0:02 to 0:04: female 90%", segments.get(1).getAttribute("title"));
    assertEquals("0:08", driver.findElement(By.id("timeline-end")).getText());
    // Each window is a quarter of the timeline.
    double width = driver.findElement(By.id("timeline")).getSize().getWidth();
    assertEquals(width / 4, segments.get(0).getSize().getWidth(), 2.0);
    screenshot("web-page-timeline.png");
  }

  @Test
  void garbageShowsTheServersReason() throws Exception {
    Path file = Files.writeString(temp.resolve("notes.wav"), "just some text", StandardCharsets.UTF_8);
    open();

    upload(file);

    assertEquals("error", waitForState("result", "error"));
    assertEquals("upload 'notes.wav': not a WAV or FLAC file", driver.findElement(By.id("error-message")).getText());
  }

  @Test
  void exampleIsOneClickAway() throws Exception {
    open();
    waitFor(d -> !d.findElements(By.cssSelector("#example-list .example")).isEmpty());
    WebElement example = driver.findElement(By.cssSelector("#example-list .example"));
    assertTrue(example.getText().startsWith("Low tone"), example.getText());

    example.click();

    assertEquals("result", waitForState("result", "error"));
    assertEquals("Male", driver.findElement(By.id("result-label")).getText());
    assertEquals("Low tone", driver.findElement(By.id("clip-name")).getText());
    screenshot("web-page.png");
  }

  @Test
  void recordingFromTheMicrophoneIsSentAsWav() throws Exception {
    open();

    driver.findElement(By.id("record-button")).click();
    waitFor(d -> d.findElement(By.id("recording")).isDisplayed());
    assertEquals("true", driver.findElement(By.id("record-button")).getAttribute("aria-pressed"));
    Thread.sleep(1500);
    driver.findElement(By.id("stop-button")).click();

    assertEquals("result", waitForState("result", "error"),
        () -> driver.findElement(By.id("error-message")).getText());
    String clipName = driver.findElement(By.id("clip-name")).getText();
    assertTrue(clipName.matches("Your recording \\(1\\.[5-9] s\\)|Your recording \\(2\\.[0-9] s\\)"), clipName);
    double seconds = Double.parseDouble(driver.findElement(By.id("fact-duration")).getText().replace(" s", ""));
    assertTrue(seconds >= 1.4 && seconds <= 3.0, "the server decoded " + seconds + " s of the browser's WAV");
    assertTrue(driver.findElement(By.id("player")).getAttribute("src").startsWith("blob:"));
  }

  /** Kept under target/ for a person to look at. */
  private static void screenshot(String name) throws Exception {
    File png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = Files.createDirectories(Path.of("target", "screenshots"));
    Files.copy(png.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
