package dev.eventstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Who may do what: editors and admins use the API and the live page, only admins reach
 * the actuator's {@code events} endpoint and the H2 console, anonymous callers get a 401
 * (API) or the login form (pages).
 */
class SecurityTests extends SampleTestSupport {

	@Test
	void anonymousApiCallsAreAskedForBasicCredentials() {
		assertThat(this.mvc.get().uri("/api/posts")).hasStatus(401)
			.headers()
			.hasValue("WWW-Authenticate", "Basic realm=\"Realm\", charset=\"UTF-8\"");
		assertThat(this.mvc.get().uri("/events/stream")).hasStatus(401);
		assertThat(this.mvc.get().uri("/actuator/events")).hasStatus(401);
	}

	@Test
	void wrongPasswordIsA401() {
		assertThat(this.mvc.get().uri("/api/posts").with(httpBasic("editor", "wrong"))).hasStatus(401);
	}

	@Test
	void anonymousBrowsersAreSentToTheLoginForm() {
		assertThat(this.mvc.get().uri("/").accept(MediaType.TEXT_HTML)).hasStatus(302).hasRedirectedUrl("/login");
		assertThat(this.mvc.get().uri("/login")).hasStatusOk().bodyText().contains("Please sign in");
	}

	@Test
	void editorsAndAdminsReadTheLivePage() {
		assertThat(this.mvc.get().uri("/").with(editor())).hasStatusOk().hasForwardedUrl("index.html");
		assertThat(this.mvc.get().uri("/app.js").with(editor())).hasStatusOk();
		assertThat(this.mvc.get().uri("/").with(admin())).hasStatusOk();
	}

	@Test
	void editorsAndAdminsUseTheApi() {
		assertThat(this.mvc.get().uri("/api/posts").with(editor())).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/audit").with(editor())).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/me").with(editor())).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"username\": \"editor\", \"roles\": [\"EDITOR\"]}");
		assertThat(this.mvc.get().uri("/api/me").with(admin())).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"username\": \"admin\", \"roles\": [\"ADMIN\", \"EDITOR\"]}");
	}

	@Test
	void onlyAdminsReachTheEventsEndpoint() {
		assertThat(this.mvc.get().uri("/actuator/events").with(editor())).hasStatus(403);
		assertThat(this.mvc.get().uri("/actuator/events/dead").with(editor())).hasStatus(403);
		assertThat(this.mvc.post().uri("/actuator/events/0193a8e2-5c1f-7d3a-9b2e-4f6a1c2d3e4f").with(editor()))
			.hasStatus(403);

		assertThat(this.mvc.get().uri("/actuator/events").with(admin())).hasStatusOk()
			.bodyJson()
			.hasPath("$.undispatched")
			.hasPath("$.deliveries.dead");
		assertThat(this.mvc.post().uri("/actuator/events/0193a8e2-5c1f-7d3a-9b2e-4f6a1c2d3e4f").with(admin()))
			.hasStatus(404);
	}

	@Test
	void healthIsPublicWithDetailsForAdmins() {
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk().bodyJson().doesNotHavePath("$.components");
		assertThat(this.mvc.get().uri("/actuator/health").with(admin())).hasStatusOk()
			.bodyJson()
			.hasPath("$.components.events.details.undispatched");
	}

	@Test
	void sessionWritesNeedTheCsrfTokenFromTheCookieAndBasicWritesDoNot() {
		// as the live page does: read the XSRF-TOKEN cookie, send it back as a header
		// (not
		// with spring-security-test's csrf(): it swaps the token repository of the shared
		// filter chain, which the running server then uses too)
		Cookie token = this.mvc.get()
			.uri("/api/me")
			.with(user("editor").roles("EDITOR"))
			.exchange()
			.getResponse()
			.getCookie("XSRF-TOKEN");
		assertThat(token).isNotNull();
		String post = "{\"title\": \"Csrf\"}";

		assertThat(this.mvc.post()
			.uri("/api/posts")
			.with(user("editor").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(post)).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/api/posts")
			.with(user("editor").roles("EDITOR"))
			.cookie(token)
			.header("X-XSRF-TOKEN", token.getValue())
			.contentType(MediaType.APPLICATION_JSON)
			.content(post)).hasStatus(201);
		assertThat(
				this.mvc.post().uri("/api/posts").with(editor()).contentType(MediaType.APPLICATION_JSON).content(post))
			.hasStatus(201);
	}

	@Test
	void onlyAdminsOpenTheH2Console() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		assertThat(http.send(h2Console("editor"), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
		assertThat(http.send(h2Console("admin"), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
	}

	private static HttpRequest h2Console(String user) {
		String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/h2-console/"))
			.header("Authorization", "Basic " + credentials)
			.build();
	}

}
