package net.ledgernet.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never a downloaded one: the paths are
 * given, so Selenium Manager is not asked). Tests using it are skipped, saying why, when the two
 * packages are not installed; {@code .ci/run} installs them.
 */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "web-screenshots").toAbsolutePath();
    /** A normal laptop window: the screenshots must be readable at this size. */
    static final Dimension WINDOW = new Dimension(1280, 800);

    final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test class (JUnit assumption) when chromium or chromedriver is missing. */
    static Chromium start() {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Browser tests skipped: " + BROWSER + " or " + DRIVER + " is missing "
                        + "(apt-get install -y chromium chromium-driver; .ci/run does this)");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("ledgernet-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--user-data-dir=" + profile, "--window-size=" + WINDOW.width + "," + WINDOW.height);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
            // The page itself is WINDOW large (--window-size counts the window, not what the page gets).
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", WINDOW.width,
                    "height", WINDOW.height, "deviceScaleFactor", 1, "mobile", false));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50)).until(condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until an element matching the selector is present, then returns it. */
    WebElement await(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Text of every element matching the selector, read in one script (no stale elements while the page redraws). */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", css);
    }

    /** One attribute of every element matching the selector, in one script (a map has hundreds of points). */
    @SuppressWarnings("unchecked")
    List<String> attributes(String css, String attribute) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]))",
                css, attribute);
    }

    String text() {
        return find("body").getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The page's own hash (what a pasted link carries). */
    String hash() {
        return (String) js("return location.hash");
    }

    /** Drops the HTTP cache so the next load downloads everything, as a first visit does. */
    void clearCache() {
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
