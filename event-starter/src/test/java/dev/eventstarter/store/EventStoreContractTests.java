package dev.eventstarter.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.Event;
import dev.eventstarter.EventQuery;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.testapp.Post;
import dev.eventstarter.testapp.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading the record back: every {@link EventQuery} filter, dispatch marking, and the
 * history of one resource across create, update and delete.
 */
abstract class EventStoreContractTests extends IntegrationTests {

	@Test
	void queryFiltersCombineAndComeOldestFirst() {
		UUID first = this.bus.emitCreated("posts", 1, Map.of("id", 1));
		UUID second = this.bus.emitCreated("posts", 2, Map.of("id", 2));
		UUID third = this.bus.emitDeleted("posts", 1, Map.of("id", 1));
		UUID fourth = this.bus.emitCreated("order_lines", 1, Map.of("id", 1));
		UUID fifth = this.bus.emit("orderXlines.moved", 1);
		assertThat(ids(EventQuery.builder().build())).containsExactly(first, second, third, fourth, fifth);
		assertThat(ids(EventQuery.builder().resourceName("posts").build())).containsExactly(first, second, third);
		assertThat(ids(EventQuery.builder().resourceName("posts").resourceId("1").build())).containsExactly(first,
				third);
		assertThat(ids(EventQuery.builder().eventType("posts.created").build())).containsExactly(first, second);
		assertThat(ids(EventQuery.builder().eventType("posts.*").build())).containsExactly(first, second, third);
		assertThat(ids(EventQuery.builder().eventType("*.deleted").build())).containsExactly(third);
		assertThat(ids(EventQuery.builder().eventType("order_lines.*").build())).as("'_' is not a wildcard")
			.containsExactly(fourth);
		assertThat(ids(EventQuery.builder().eventType("*").limit(2).build())).containsExactly(first, second);
		long secondId = this.store.findByEventId(second).orElseThrow().id();
		assertThat(ids(EventQuery.builder().afterId(secondId).limit(2).build())).containsExactly(third, fourth);
	}

	@Test
	void queryByDispatchState() {
		UUID first = this.bus.emit("a.one", 1);
		UUID second = this.bus.emit("a.two", 2);
		assertThat(this.store.markDispatched(first)).isTrue();
		assertThat(this.store.markDispatched(first)).as("already dispatched").isFalse();
		assertThat(this.store.markDispatched(UUID.randomUUID())).as("unknown").isFalse();
		assertThat(ids(EventQuery.builder().undispatched(true).build())).containsExactly(second);
		assertThat(ids(EventQuery.builder().undispatched(false).build())).containsExactly(first);
		Event dispatched = this.store.findByEventId(first).orElseThrow();
		assertThat(dispatched.dispatchedAt()).isAfterOrEqualTo(dispatched.createdAt());
		assertThat(this.store.findByEventId(second).orElseThrow().dispatchedAt()).isNull();
	}

	@Test
	void queryByTimeRange() {
		UUID first = this.bus.emit("a.one", 1);
		Instant firstAt = this.store.findByEventId(first).orElseThrow().createdAt();
		UUID second = this.bus.emit("a.two", 2);
		Instant secondAt = this.store.findByEventId(second).orElseThrow().createdAt();
		assertThat(ids(EventQuery.builder().since(secondAt).build())).containsExactly(second);
		assertThat(ids(EventQuery.builder().until(secondAt).build())).containsExactly(first);
		assertThat(ids(EventQuery.builder().since(firstAt).until(secondAt.plusNanos(1000)).build()))
			.containsExactly(first, second);
	}

	@Test
	void findByUnknownEventIdIsEmpty() {
		assertThat(this.store.findByEventId(UUID.randomUUID())).isEmpty();
	}

	@Test
	void historyStateAtAndReplayFollowOneResourceThroughCreateUpdateDelete() {
		Long id = this.tx.execute((status) -> {
			Post post = new Post("Draft");
			this.em.persist(post);
			return post.getId();
		});
		this.tx.executeWithoutResult((status) -> this.em.find(Post.class, id).setStatus(Status.PUBLISHED));
		this.tx.executeWithoutResult((status) -> this.em.remove(this.em.find(Post.class, id)));
		this.bus.emitCreated("posts", id + 1, Map.of("id", id + 1));

		List<Event> history = this.store.history("posts", id);
		assertThat(history).extracting(Event::eventType)
			.containsExactly("posts.created", "posts.updated", "posts.deleted");
		assertThat(this.store.history("posts", id.toString())).isEqualTo(history);
		Instant created = history.get(0).createdAt();
		Instant updated = history.get(1).createdAt();
		Instant deleted = history.get(2).createdAt();

		assertThat(this.store.stateAt("posts", id, created.minusNanos(1000))).isEmpty();
		assertThat(this.store.stateAt("posts", id, created)).get()
			.satisfies((state) -> assertThat(state).containsEntry("title", "Draft").containsEntry("status", "DRAFT"));
		assertThat(this.store.stateAt("posts", id, updated)).get()
			.satisfies((state) -> assertThat(state).containsEntry("status", "PUBLISHED").containsEntry("version", 1));
		assertThat(this.store.stateAt("posts", id, deleted)).isEmpty();
		assertThat(this.store.stateAt("posts", id, deleted.plusSeconds(60))).isEmpty();

		List<String> statuses = this.store.replay("posts", id, List.<String>of(),
				(seen, event) -> (event.newState() != null) ? append(seen, (String) event.newState().get("status"))
						: append(seen, "gone"));
		assertThat(statuses).containsExactly("DRAFT", "PUBLISHED", "gone");
	}

	@Test
	void replayPagesThroughLongHistories() {
		this.tx.executeWithoutResult((status) -> {
			for (int version = 0; version < 1234; version++) {
				this.bus.emitUpdated("counters", "c-1", Map.of("value", version), Map.of("value", version + 1));
			}
		});
		int last = this.store.replay("counters", "c-1", 0, (value, event) -> (Integer) event.newState().get("value"));
		assertThat(last).isEqualTo(1234);
		assertThat(this.store.history("counters", "c-1")).hasSize(1234);
	}

	@Test
	void queryArgumentsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventQuery.builder().limit(0))
			.withMessage("limit must be between 1 and 10000, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> EventQuery.builder().limit(10_001))
			.withMessage("limit must be between 1 and 10000, but was 10001");
		assertThatIllegalArgumentException().isThrownBy(() -> EventQuery.builder().eventType("posts created"))
			.withMessageStartingWith("eventType 'posts created' is not a valid type pattern");
		assertThatIllegalArgumentException().isThrownBy(() -> EventQuery.builder().afterId(-1))
			.withMessage("afterId must not be negative, but was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> EventQuery.builder().resourceName(" "))
			.withMessage("resourceName must not be blank");
		Instant now = Instant.now();
		assertThatIllegalArgumentException().isThrownBy(() -> EventQuery.builder().until(now).since(now))
			.withMessage("since must be before until");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.history(" ", 1))
			.withMessage("resourceName must not be blank");
	}

	private List<UUID> ids(EventQuery query) {
		return this.store.query(query).stream().map(Event::eventId).toList();
	}

	private static List<String> append(List<String> list, String value) {
		List<String> result = new java.util.ArrayList<>(list);
		result.add(value);
		return result;
	}

}
