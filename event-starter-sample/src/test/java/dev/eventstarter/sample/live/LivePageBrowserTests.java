package dev.eventstarter.sample.live;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import dev.eventstarter.sample.HeadlessChromium;
import dev.eventstarter.sample.SampleTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real browser: headless Chromium signs in, creates a post, watches
 * its {@code posts.created} row arrive over SSE, publishes it and sees the update with
 * {@code status} among its changed fields. It leaves {@code target/live-page.png}.
 *
 * <p>
 * It drives {@link HeadlessChromium}: skipped without it, unless
 * {@code -Dsample.browser-required=true}.
 */
class LivePageBrowserTests extends SampleTestSupport {

	private static final Path SCREENSHOT = Paths.get("target", "live-page.png");

	private static final Path FAILURE_SCREENSHOT = Paths.get("target", "live-page-failure.png");

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		this.browser = HeadlessChromium.start("live page test", profile);
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
		HeadlessChromium.screenshot(this.browser, path);
	}

	private void saveDiagnostics() throws IOException {
		HeadlessChromium.saveDiagnostics(this.browser, "Live page test", FAILURE_SCREENSHOT);
	}

}
