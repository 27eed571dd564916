package dev.eventstarter.sample.live;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.logging.Level;

import dev.eventstarter.sample.SampleTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live page in a real browser: headless Chromium signs in, creates a post, watches
 * its {@code posts.created} row arrive over SSE, publishes it and sees the update with
 * {@code status} among its changed fields. It leaves {@code target/live-page.png}.
 *
 * <p>
 * It drives the Debian packages {@code chromium} and {@code chromium-driver} and never
 * downloads a browser: the driver and the binary are given explicitly, so Selenium
 * Manager stays out of it. Without them the test is skipped, or fails when
 * {@code -Dsample.browser-required=true}, as {@code .ci/run} sets after installing them.
 */
class LivePageBrowserTests extends SampleTestSupport {

	private static final Path CHROMIUM = Paths.get(System.getProperty("sample.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Paths
		.get(System.getProperty("sample.chromedriver", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOT = Paths.get("target", "live-page.png");

	private static final Path FAILURE_SCREENSHOT = Paths.get("target", "live-page-failure.png");

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = "No browser: the live page test needs " + CHROMIUM + " and " + CHROMEDRIVER
				+ "; install them with: sudo apt-get install -y chromium chromium-driver";
		assertThat(installed || !Boolean.getBoolean("sample.browser-required")).as(missing).isTrue();
		assumeTrue(installed, missing);
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1440,1200");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void createdAndPublishedPostShowUpLiveWithTheirChangedFields() throws Exception {
		try {
			createAndPublishAPost();
		}
		catch (Throwable ex) {
			saveDiagnostics();
			throw ex;
		}
		showWholePage();
		screenshot(SCREENSHOT);
		assertThat(SCREENSHOT).isNotEmptyFile();
	}

	private void createAndPublishAPost() {
		this.browser.get("http://localhost:" + PORT + "/");
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.id("username")).sendKeys("admin");
		this.browser.findElement(By.id("password")).sendKeys("admin");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-ready=true]")));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stream-status.live")));
		assertThat(this.browser.findElement(By.id("user")).getText()).startsWith("admin");

		String title = "Seen in Chromium " + System.nanoTime();
		this.browser.findElement(By.id("create-title")).sendKeys(title);
		this.browser.findElement(By.id("create-tags")).sendKeys("browser, sse");
		this.browser.findElement(By.id("create-button")).click();
		// the page redraws the list of posts as events arrive: look the row up again
		// until it holds
		By postRow = By.xpath("//ul[@id='posts']/li[.//div[@class='title' and text()='" + title + "']]");
		String id = this.wait.ignoring(StaleElementReferenceException.class)
			.until((browser) -> browser.findElement(postRow).getAttribute("data-post-id"));

		WebElement created = this.wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#events tr[data-type='posts.created'][data-resource-id='" + id + "']")));
		assertThat(created.findElement(By.className("user")).getText()).startsWith("admin");
		assertThat(created.findElement(By.className("resource")).getText()).isEqualTo("posts");

		this.wait.ignoring(StaleElementReferenceException.class).until((browser) -> {
			browser.findElement(By.cssSelector("button[data-action=publish][data-post-id='" + id + "']")).click();
			return true;
		});
		WebElement updated = this.wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#events tr[data-type='posts.updated'][data-resource-id='" + id + "']")));
		assertThat(updated.findElement(By.className("changes")).getText()).contains("status", "publishedAt");
		this.wait.until(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events tr[data-type='posts.published']")));
		// the audit log is a durable subscriber, and dispatch is manual in tests:
		// deliver,
		// then the page's periodic refresh shows the rows
		this.bus.drain();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "posts/" + id));
	}

	private void showWholePage() {
		Number height = (Number) ((JavascriptExecutor) this.browser)
			.executeScript("return document.documentElement.scrollHeight");
		this.browser.manage().window().setSize(new Dimension(1440, height.intValue() + 120));
	}

	private void screenshot(Path path) throws IOException {
		File screenshot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
		Files.createDirectories(path.getParent());
		Files.copy(screenshot.toPath(), path, StandardCopyOption.REPLACE_EXISTING);
	}

	private void saveDiagnostics() throws IOException {
		screenshot(FAILURE_SCREENSHOT);
		System.err.println("Live page test failed; screenshot in " + FAILURE_SCREENSHOT + ", browser console:");
		this.browser.manage().logs().get(LogType.BROWSER).forEach((entry) -> System.err.println("  " + entry));
	}

}
