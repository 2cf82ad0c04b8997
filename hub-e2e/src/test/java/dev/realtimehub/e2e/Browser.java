package dev.realtimehub.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium (Debian's /usr/bin/chromium, driven by /usr/bin/chromedriver) for end-to-end tests; nothing
 * is downloaded. Flags keep it off the network: this machine has none beyond loopback.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser() {
        try {
            profile = Files.createTempDirectory("hub-e2e-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Paths.get(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Starts a fresh browser with an empty profile. */
    public static Browser start() {
        return new Browser();
    }

    /** The WebDriver. */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Loads {@code url} in the current tab, having first left the page there for a blank one and dropped what was
     * logged until then: the page before stops (its timers, its requests to a hub an earlier test has stopped), so
     * nothing it does shows up among the console errors of the page loaded now.
     */
    public void load(String url) {
        driver.get("about:blank");
        consoleErrors();
        driver.get(url);
    }

    /** Runs JavaScript in the page and returns its result. */
    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** The console messages logged so far at SEVERE (errors), as text. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Writes a PNG screenshot of the page to {@code file} (folders created). */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
