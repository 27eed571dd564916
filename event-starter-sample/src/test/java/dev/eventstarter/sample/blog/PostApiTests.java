package dev.eventstarter.sample.blog;

import java.util.List;
import java.util.Map;

import dev.eventstarter.sample.SampleTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publishing API: every write lands in {@code _events} with the user who made it; bad
 * requests get a 400 naming each field, unknown ids a 404.
 */
class PostApiTests extends SampleTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void postLifecycleIsRecordedInTheEventsTableWithTheUserWhoMadeIt() {
		MvcTestResult created = this.mvc.post()
			.uri("/api/posts")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"""
							{"title": "Lifecycle: a post's whole life", "body": "First draft", "tags": ["testing", "events"]}""")
			.exchange();
		assertThat(created).hasStatus(201).bodyJson().isLenientlyEqualTo("""
				{"slug": "lifecycle-a-post-s-whole-life", "status": "DRAFT", "publishedAt": null,
				 "author": {"username": "editor", "name": "Erin Editor"}, "tags": ["events", "testing"],
				 "comments": 0, "version": 0}""");
		long id = json(created).get("id").asLong();

		assertThat(this.mvc.put()
			.uri("/api/posts/{id}", id)
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"Lifecycle, revised\", \"body\": \"Second draft\", \"tags\": [\"testing\"]}"))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"title": "Lifecycle, revised", "slug": "lifecycle-a-post-s-whole-life", "tags": ["testing"]}""");
		assertThat(this.mvc.post().uri("/api/posts/{id}/publish", id).with(admin())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("PUBLISHED");
		MvcTestResult comment = this.mvc.post()
			.uri("/api/posts/{id}/comments", id)
			.with(admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"Well put\"}")
			.exchange();
		assertThat(comment).hasStatus(201).bodyJson().extractingPath("$.author.username").isEqualTo("admin");
		assertThat(this.mvc.delete().uri("/api/posts/{id}", id).with(editor())).hasStatus(204);
		assertThat(this.mvc.get().uri("/api/posts/{id}", id).with(editor())).hasStatus(404);

		List<Map<String, Object>> rows = this.jdbc
			.sql("""
					select event_type, resource_id, source, session_variables from _events
					where (resource_name = 'posts' and resource_id = :post) or (resource_name = 'comments' and resource_id = :comment)
					order by id""")
			.param("post", String.valueOf(id))
			.param("comment", json(comment).get("id").asString())
			.query()
			.listOfRows();
		assertThat(rows).extracting((row) -> row.get("EVENT_TYPE"))
			.containsExactly("posts.created", "posts.updated", "posts.updated", "comments.created", "comments.deleted",
					"posts.deleted");
		assertThat(rows).extracting((row) -> row.get("SOURCE")).containsOnly("blog");
		assertThat(rows).extracting((row) -> new String((byte[]) row.get("SESSION_VARIABLES")))
			.allSatisfy((variables) -> assertThat(variables).contains("\"ip\":\"127.0.0.1\""))
			.satisfiesExactly((variables) -> assertThat(variables).contains("\"userId\":\"editor\""),
					(variables) -> assertThat(variables).contains("\"userId\":\"editor\""),
					(variables) -> assertThat(variables).contains("\"userId\":\"admin\",\"role\":\"ADMIN\""),
					(variables) -> assertThat(variables).contains("\"userId\":\"admin\""),
					(variables) -> assertThat(variables).contains("\"userId\":\"editor\""),
					(variables) -> assertThat(variables).contains("\"userId\":\"editor\""));
	}

	@Test
	void historyShowsWhatEachChangeChanged() {
		long id = createPost("History");
		publishPost(id);

		JsonNode history = json(this.mvc.get().uri("/api/posts/{id}/history", id).with(editor()).exchange());

		assertThat(history).hasSize(2);
		assertThat(history.get(1).at("/data/changes/updated").toString())
			.isEqualTo("[\"status\",\"publishedAt\",\"version\"]");
		assertThat(history.get(1).at("/data/new/status").asString()).isEqualTo("PUBLISHED");
		assertThat(history.get(1).at("/data/new/author").isNumber()).isTrue();
		assertThat(history.get(1).at("/sessionVariables/userId").asString()).isEqualTo("editor");
	}

	@Test
	void invalidPostIsA400NamingEveryInvalidField() {
		assertThat(this.mvc.post()
			.uri("/api/posts")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \" \", \"slug\": \"Not A Slug\", \"tags\": [\"ok\", \"no spaces\"]}")).hasStatus(400)
			.bodyJson()
			.isLenientlyEqualTo(
					"""
							{"title": "Invalid request", "status": 400, "instance": "/api/posts",
							 "detail": "slug must be lower-case letters and digits joined by single hyphens, such as my-first-post; tags[1] must be lower-case letters and digits joined by single hyphens, such as spring-boot; title must not be blank",
							 "errors": [
							   {"field": "slug", "message": "must be lower-case letters and digits joined by single hyphens, such as my-first-post"},
							   {"field": "tags[1]", "message": "must be lower-case letters and digits joined by single hyphens, such as spring-boot"},
							   {"field": "title", "message": "must not be blank"}]}""");
	}

	@Test
	void unreadableBodyIsA400() {
		assertThat(this.mvc.post()
			.uri("/api/posts")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": ")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The request body is missing or is not the JSON this endpoint expects");
	}

	@Test
	void unknownIdsAre404WithTheId() {
		String post = "{\"title\": \"Nobody\"}";
		String comment = "{\"body\": \"Nobody\"}";
		assertThat(this.mvc.get().uri("/api/posts/999999").with(editor())).hasStatus(404)
			.bodyJson()
			.isLenientlyEqualTo("{\"title\": \"Not Found\", \"status\": 404, \"detail\": \"No post with id 999999\"}");
		assertThat(this.mvc.put()
			.uri("/api/posts/999999")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content(post)).hasStatus(404);
		assertThat(this.mvc.post().uri("/api/posts/999999/publish").with(editor())).hasStatus(404);
		assertThat(this.mvc.delete().uri("/api/posts/999999").with(editor())).hasStatus(404);
		assertThat(this.mvc.get().uri("/api/posts/999999/history").with(editor())).hasStatus(404);
		assertThat(this.mvc.get().uri("/api/posts/999999/comments").with(editor())).hasStatus(404);
		assertThat(this.mvc.post()
			.uri("/api/posts/999999/comments")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content(comment)).hasStatus(404);
		assertThat(this.mvc.get().uri("/api/comments/999999").with(editor())).hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No comment with id 999999");
		assertThat(this.mvc.delete().uri("/api/comments/999999").with(editor())).hasStatus(404);
	}

	@Test
	void publishingTwiceIsAConflict() {
		long id = createPost("Twice");
		publishPost(id);

		assertThat(this.mvc.post().uri("/api/posts/{id}/publish", id).with(editor())).hasStatus(409)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("Post " + id + " was published at ");
	}

	@Test
	void slugsAreUnique() {
		long first = createPost("Same title");
		long second = createPost("Same title");

		assertThat(json(this.mvc.get().uri("/api/posts/{id}", second).with(editor()).exchange()).get("slug").asString())
			.isEqualTo(
					json(this.mvc.get().uri("/api/posts/{id}", first).with(editor()).exchange()).get("slug").asString()
							+ "-2");
		assertThat(this.mvc.post()
			.uri("/api/posts")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"Another\", \"slug\": \"same-title\"}")).hasStatus(409)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The slug 'same-title' is taken by another post");
	}

	@Test
	void commentsCanBeWrittenChangedAndDeleted() {
		long post = createPost("Commented");
		MvcTestResult created = this.mvc.post()
			.uri("/api/posts/{id}/comments", post)
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"First!\"}")
			.exchange();
		assertThat(created).hasStatus(201);
		long id = json(created).get("id").asLong();

		assertThat(this.mvc.put()
			.uri("/api/comments/{id}", id)
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"Second, on reflection\"}")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"postId\": " + post + ", \"body\": \"Second, on reflection\", \"version\": 1}");
		assertThat(this.mvc.get().uri("/api/posts/{id}/comments", post).with(editor())).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].body")
			.asArray()
			.containsExactly("Second, on reflection");
		assertThat(this.mvc.post()
			.uri("/api/posts/{id}/comments", post)
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"\"}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("body must not be blank");
		assertThat(this.mvc.delete().uri("/api/comments/{id}", id).with(editor())).hasStatus(204);
		assertThat(this.mvc.get().uri("/api/comments/{id}", id).with(editor())).hasStatus(404);
	}

	@Test
	void eventsEndpointRejectsABadLimit() {
		assertThat(this.mvc.get().uri("/api/events?limit=0").with(editor())).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("limit must be between 1 and 10000, but was 0");
	}

	@Test
	void eventsEndpointReturnsTheLatestEventsOldestFirst() {
		long id = createPost("Latest");
		publishPost(id);

		JsonNode latest = json(this.mvc.get().uri("/api/events?limit=2").with(editor()).exchange());

		assertThat(latest).hasSize(2);
		assertThat(latest.get(0).get("id").asLong()).isLessThan(latest.get(1).get("id").asLong());
		assertThat(latest.get(1).get("eventType").asString()).isEqualTo("posts.updated");
		assertThat(latest.get(1).get("resourceId").asString()).isEqualTo(String.valueOf(id));
	}

}
