package io.quotewire.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by its chromedriver (Debian's {@code chromium} and {@code chromium-driver}; nothing is
 * downloaded), for the web pages of query-service: the system test drives them, the query benchmark times them.
 * Screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    public final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** The browser and its driver, if this machine has them. */
    public static Optional<Browser> open(int width, int height) {
        Optional<String> chromium = CHROMIUM.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        Optional<String> chromedriver = DRIVER.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            return Optional.empty();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.get())).usingAnyFreePort().build();
        return Optional.of(new Browser(new ChromeDriver(service, options)));
    }

    public void get(String url) {
        driver.get(url);
    }

    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    }

    /** Waits until {@code css} matches an element whose text contains {@code text}; that element. */
    public WebElement awaitText(String css, String text, Duration timeout) {
        return waiting(timeout).withMessage(() -> "no " + css + " with '" + text + "' on " + driver.getCurrentUrl())
                .until(d -> d.findElements(By.cssSelector(css)).stream().filter(e -> e.getText().contains(text))
                        .findFirst().orElse(null));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The page's console messages of level SEVERE (errors, failed requests). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    public void screenshot(String name) throws IOException {
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        Path shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Opens {@code url} and waits until the page has its data on screen; the milliseconds from the start of the
     * navigation until then, as the page measured them ({@code data-rendered}, set by app.js).
     */
    public long timeRender(String url, Duration timeout) {
        driver.get(url);
        String ms = waiting(timeout).withMessage(() -> "the page did not render: " + url).until(d -> {
            Object v = ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.body.dataset.rendered || null");
            return v == null ? null : v.toString();
        });
        return Long.parseLong(ms);
    }

    @Override
    public void close() {
        driver.quit();
    }

    public static boolean required() {
        return Boolean.getBoolean("quotewire.browser.required");
    }
}
