package dev.eventstarter.erasure;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The erased form of the JSON columns, for the shapes real events do not all reach.
 */
class ErasedFormTests {

	private final ErasedForm form = new ErasedForm(JsonMapper.shared());

	@Test
	void crudStatesKeepTheirAttributeNamesWithNullValuesAndTheChangesStay() {
		String data = """
				{"old": {"id": 1, "name": "Ada", "address": {"street": "1 Main St"}, "email": "***"},
				 "new": {"id": 1, "name": "Ada L.", "address": {"street": "2 Main St"}, "email": "***"},
				 "changes": {"added": [], "updated": ["name", "address"], "removed": []}}""";
		assertThat(this.form.data("writers.updated", "writers", data)).isEqualTo("""
				{"old":{"id":null,"name":null,"address":null,"email":null},\
				"new":{"id":null,"name":null,"address":null,"email":null},\
				"changes":{"added":[],"updated":["name","address"],"removed":[]}}""");
	}

	@Test
	void anAbsentStateStaysNull() {
		assertThat(this.form.data("posts.created", "posts",
				"""
						{"old": null, "new": {"title": "Hi"}, "changes": {"added": ["title"], "updated": [], "removed": []}}"""))
			.isEqualTo("""
					{"old":null,"new":{"title":null},"changes":{"added":["title"],"updated":[],"removed":[]}}""");
	}

	@Test
	void aCustomEventsPayloadBecomesNull() {
		assertThat(this.form.data("orders.shipped", "orders", "{\"customer\": \"Ada\"}")).isEqualTo("null");
		assertThat(this.form.data("orders.shipped", null, "\"Ada\"")).isEqualTo("null");
		assertThat(this.form.data("posts.created", "posts", "[\"not\", \"crud\"]")).isEqualTo("null");
	}

	@Test
	void theErasedFormIsComparedAsJsonNotAsText() {
		String erased = this.form.data("posts.created", "posts", "{\"old\": null, \"new\": {\"a\": 1}}");
		assertThat(this.form.differs("{ \"new\" : {\"a\": null}, \"old\": null }", erased)).isFalse();
		assertThat(this.form.differs("{\"old\": null, \"new\": {\"a\": 1}}", erased)).isTrue();
	}

	@Test
	void onlyTheExactUserIdMatches() {
		assertThat(this.form.isOf("{\"userId\": \"alice\", \"role\": \"editor\"}", "alice")).isTrue();
		assertThat(this.form.isOf("{\"userId\": \"alice2\"}", "alice")).isFalse();
		assertThat(this.form.isOf("{\"role\": \"alice\"}", "alice")).isFalse();
		assertThat(this.form.isOf("{\"userId\": null}", "null")).isFalse();
		assertThat(this.form.isOf(null, "alice")).isFalse();
	}

}
