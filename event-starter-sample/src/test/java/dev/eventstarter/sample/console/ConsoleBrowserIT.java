package dev.eventstarter.sample.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import dev.eventstarter.sample.HeadlessChromium;
import dev.eventstarter.sample.SampleJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events console in headless Chromium against the sample running on PostgreSQL (issue
 * 21): find an event by its resource, open its diff and see the changed field marked,
 * retry a dead delivery and see it succeed, watch a new event arrive in the live tail,
 * and be refused without the ADMIN role. It leaves {@code target/console-page.png} (an
 * event's diff) and {@code target/console-deliveries.png}.
 *
 * <p>
 * The sample runs as a user runs it, {@code java -jar} on the packaged jar (see
 * {@link SampleJar}), with its {@code postgres} profile in a schema of its own,
 * {@code console_sample}, dropped first, and its dispatcher working in the background.
 * Like {@code LivePageBrowserTests} it drives the Debian packages {@code chromium} and
 * {@code chromium-driver}, is skipped without them, and fails without them when
 * {@code -Dsample.browser-required=true}.
 */
class ConsoleBrowserIT {

	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

	private static final Path SCREENSHOT = Paths.get("target", "console-page.png");

	private static final Path OVERVIEW_SCREENSHOT = Paths.get("target", "console-overview.png");

	private static final Path DELIVERIES_SCREENSHOT = Paths.get("target", "console-deliveries.png");

	private static final Path TAIL_SCREENSHOT = Paths.get("target", "console-tail.png");

	private static final Path FAILURE_SCREENSHOT = Paths.get("target", "console-page-failure.png");

	private static final JsonMapper json = new JsonMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private WebDriver browser;

	private WebDriverWait wait;

	private String base;

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		this.browser = HeadlessChromium.start("console test", profile);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void operatorFindsDiffsRetriesAndTailsEventsAndOthersAreRefused() throws Exception {
		try (SampleJar sample = SampleJar.startOnPostgres("console-sample")) {
			this.base = sample.url();
			long post = createPost("fail");
			UUID created = latest("posts.created", post);
			awaitDeadPartnerFeedDelivery(created);
			rename(post, "Fixed");
			UUID updated = latest("posts.updated", post);
			try {
				signIn();
				findTheUpdateByItsResourceAndSeeTheChangedField(post, updated);
				retryTheDeadDeliveryAndSeeItSucceed(created);
				watchANewPostArriveInTheLiveTail();
			}
			catch (Throwable ex) {
				saveDiagnostics();
				throw ex;
			}
			withoutTheAdminRoleTheConsoleIsRefused();
		}
	}

	private void signIn() throws IOException {
		this.browser.get(this.base + "/events/console/");
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.id("username")).sendKeys("admin");
		this.browser.findElement(By.id("password")).sendKeys("admin");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		screenReady("overview");
		assertThat(this.browser.findElement(By.cssSelector("[data-card=dead] .value")).getText()).isEqualTo("1");
		assertThat(this.browser.findElement(By.cssSelector("tr[data-subscriber=partner-feed]")).getText())
			.contains("partner-feed");
		screenshot(OVERVIEW_SCREENSHOT);
	}

	private void findTheUpdateByItsResourceAndSeeTheChangedField(long post, UUID updated) throws IOException {
		this.browser.findElement(By.cssSelector("nav a[data-screen=search]")).click();
		screenReady("search");
		this.browser.findElement(By.name("resourceName")).sendKeys("posts");
		this.browser.findElement(By.name("resourceId")).sendKeys(Long.toString(post));
		this.browser.findElement(By.cssSelector("#search-form button")).click();
		WebElement row = this.wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("tr[data-type='posts.updated'][data-resource-id='" + post + "']")));
		assertThat(row.getAttribute("data-event-id")).isEqualTo(updated.toString());
		assertThat(this.browser.findElements(By.cssSelector("tbody tr"))).hasSize(2);
		row.findElement(By.linkText("posts.updated")).click();
		screenReady("events");
		WebElement title = this.browser.findElement(By.cssSelector("#diff tr[data-field=title]"));
		assertThat(title.getAttribute("class")).isEqualTo("changed");
		assertThat(title.getText()).contains("fail", "Fixed");
		assertThat(this.browser.findElements(By.cssSelector("#diff tr.changed[data-field=status]"))).isEmpty();
		assertThat(this.browser.findElement(By.cssSelector("tr[data-key=userId]")).getText()).contains("editor");
		screenshot(SCREENSHOT);
	}

	private void retryTheDeadDeliveryAndSeeItSucceed(UUID created) throws IOException {
		this.browser.findElement(By.cssSelector("nav a[data-screen=deliveries]")).click();
		screenReady("deliveries");
		WebElement row = this.browser
			.findElement(By.cssSelector("tr[data-event-id='" + created + "'][data-subscriber=partner-feed]"));
		assertThat(row.getText()).contains("DEAD", "The partner site refused post");
		row.findElement(By.cssSelector("button[data-action=retry]")).click();
		this.browser.findElement(By.cssSelector(".confirm button[data-action=confirm]")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.message.ok"),
				"1 delivery scheduled now"));
		screenshot(DELIVERIES_SCREENSHOT);
		// the dispatcher in the background delivers the retry: reload the event until it
		// shows
		new WebDriverWait(this.browser, DELIVERY_TIMEOUT).until((browser) -> {
			browser.get(this.base + "/events/console/#/events/" + created);
			browser.navigate().refresh();
			screenReady("events");
			return browser.findElement(By.cssSelector("tr[data-subscriber=partner-feed]"))
				.getText()
				.contains("SUCCEEDED");
		});
	}

	private void watchANewPostArriveInTheLiveTail() throws Exception {
		this.browser.findElement(By.cssSelector("nav a[data-screen=tail]")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tail-status.live")));
		long post = createPost("Seen in the tail " + System.nanoTime());
		this.wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#tail tr[data-type='posts.created'][data-resource-id='" + post + "']")));
		screenshot(TAIL_SCREENSHOT);
	}

	private void withoutTheAdminRoleTheConsoleIsRefused() throws Exception {
		assertThat(request("GET", "/events/console/api/overview", null, null).statusCode()).isEqualTo(401);
		assertThat(request("GET", "/events/console/api/overview", "editor", null).statusCode()).isEqualTo(403);
		assertThat(request("GET", "/events/console/", "editor", null).statusCode()).isEqualTo(403);
	}

	private void awaitDeadPartnerFeedDelivery(UUID created) throws Exception {
		// partner-feed has maxAttempts = 3, retried after about 1 s and 2 s
		long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
		while (!request("GET", "/actuator/events/dead", "admin", null).body().contains(created.toString())) {
			assertThat(System.nanoTime())
				.as("the partner-feed delivery of %s dead within %s", created, DELIVERY_TIMEOUT)
				.isLessThan(deadline);
			Thread.sleep(250);
		}
	}

	private long createPost(String title) throws Exception {
		HttpResponse<String> created = request("POST", "/api/posts", "editor",
				"{\"title\": \"" + title + "\", \"body\": \"Text of " + title + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body()).get("id").asLong();
	}

	private void rename(long post, String title) throws Exception {
		HttpResponse<String> renamed = request("PUT", "/api/posts/" + post, "editor", "{\"title\": \"" + title + "\"}");
		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
	}

	private UUID latest(String type, long post) throws Exception {
		HttpResponse<String> history = request("GET", "/api/posts/" + post + "/history", "editor", null);
		assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
		UUID latest = null;
		for (JsonNode event : json.readTree(history.body())) {
			if (event.get("eventType").asString().equals(type)) {
				latest = UUID.fromString(event.get("eventId").asString());
			}
		}
		assertThat(latest).as("%s events of post %s", type, post).isNotNull();
		return latest;
	}

	private HttpResponse<String> request(String method, String path, String user, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void screenReady(String screen) {
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("body[data-screen=" + screen + "][data-ready=true]")));
		assertThat(this.browser.findElements(By.cssSelector("#main .error"))).as("errors shown").isEmpty();
	}

	private void screenshot(Path path) throws IOException {
		HeadlessChromium.screenshot(this.browser, path);
	}

	private void saveDiagnostics() throws IOException {
		HeadlessChromium.saveDiagnostics(this.browser, "Console test", FAILURE_SCREENSHOT);
	}

}
