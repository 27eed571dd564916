package dev.eventstarter.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The browser of the sample's browser tests: the Debian packages {@code chromium} and
 * {@code chromium-driver}, given explicitly so that Selenium Manager never downloads one.
 * Without them a test is skipped, or fails when {@code -Dsample.browser-required=true},
 * as {@code .ci/run} sets after installing them.
 */
public final class HeadlessChromium {

	private static final Path CHROMIUM = Paths.get(System.getProperty("sample.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Paths
		.get(System.getProperty("sample.chromedriver", "/usr/bin/chromedriver"));

	private HeadlessChromium() {
	}

	/**
	 * Start a headless Chromium that records its console, or skip the test without one.
	 * @param test names the test in the message when the browser is missing
	 * @param profile a fresh user data directory
	 * @return the browser
	 */
	public static WebDriver start(String test, Path profile) {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = "No browser: the " + test + " needs " + CHROMIUM + " and " + CHROMEDRIVER
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
		return new ChromeDriver(service, options);
	}

	/**
	 * Save what the browser shows.
	 * @param browser the browser
	 * @param path the PNG file to write
	 * @throws IOException if it cannot be written
	 */
	public static void screenshot(WebDriver browser, Path path) throws IOException {
		File screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.createDirectories(path.getParent());
		Files.copy(screenshot.toPath(), path, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * After a failure: a screenshot, and the browser's console on standard error.
	 * @param browser the browser
	 * @param test names the test that failed
	 * @param path the PNG file to write
	 * @throws IOException if it cannot be written
	 */
	public static void saveDiagnostics(WebDriver browser, String test, Path path) throws IOException {
		screenshot(browser, path);
		System.err.println(test + " failed; screenshot in " + path + ", browser console:");
		browser.manage().logs().get(LogType.BROWSER).forEach((entry) -> System.err.println("  " + entry));
	}

}
