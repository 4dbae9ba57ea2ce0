package dev.sentinel.http.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, so Selenium Manager never downloads anything.
 * Downloads land in {@link #downloads()}; screenshots in {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Fails on CI (CI=true) when the browser is missing, since .ci/run installs it; skips elsewhere. */
    static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run must install "
                    + "the Debian packages chromium and chromium-driver");
        }
        Assumptions.assumeTrue(installed, "headless Chromium is not installed (apt-get install chromium chromium-driver)");
    }

    static Browser start() throws IOException {
        return start(Map.of());
    }

    /** A browser whose process sees {@code environment}, e.g. {@code TZ=America/New_York} for its time zone. */
    static Browser start(Map<String, String> environment) throws IOException {
        Path profile = Files.createTempDirectory("sentinel-chromium-profile");
        Path downloads = Files.createTempDirectory("sentinel-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1280,800", "--lang=en-US", "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "download.directory_upgrade", true,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(environment)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", false));
        return new Browser(driver, profile, downloads);
    }

    /**
     * Console errors and warnings so far (script errors, CSP violations), except failed requests, which the
     * dashboard provokes on purpose (a wrong admin token) and shows in place.
     */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    Path downloads() {
        return downloads;
    }

    WebElement find(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null), "a visible " + css);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(String css) {
        WebElement element = until(d -> {
            WebElement candidate = find(css);
            return candidate.isEnabled() ? candidate : null;
        }, "an enabled " + css);
        script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    void type(String css, CharSequence... keys) {
        WebElement element = find(css);
        element.clear();
        element.sendKeys(keys);
    }

    /** Waits for the first element matching {@code css} whose text contains {@code text}. */
    WebElement text(String css, String text) {
        return until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(element -> element.getText().contains(text)).findFirst().orElse(null),
                css + " containing '" + text + "'");
    }

    void gone(String css) {
        until(d -> d.findElements(By.cssSelector(css)).stream().noneMatch(WebElement::isDisplayed) ? Boolean.TRUE : null,
                "no visible " + css);
    }

    <T> T until(ExpectedCondition<T> condition, String what) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .withMessage(() -> "waited for " + what + " at " + driver.getCurrentUrl())
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(code, args);
    }

    String activeElementId() {
        return String.valueOf(script("return document.activeElement && document.activeElement.id"));
    }

    /** Saves a PNG of the viewport as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Like {@link #screenshot} but as tall as the page (at most 3000 pixels), then back to the window's size. */
    void fullPage(String name) {
        Dimension before = driver.manage().window().getSize();
        script("window.scrollTo(0, 0)");
        long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight)");
        resize(before.getWidth(), (int) Math.min(Math.max(height + 90, before.getHeight()), 3000));
        screenshot(name);
        resize(before.getWidth(), before.getHeight());
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @Override
    public void close() {
        driver.quit();
        deleteQuietly(profile);
        deleteQuietly(downloads);
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
