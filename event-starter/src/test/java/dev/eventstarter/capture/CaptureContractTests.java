package dev.eventstarter.capture;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dev.eventstarter.Event;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.test.EventRows.Row;
import dev.eventstarter.testapp.Address;
import dev.eventstarter.testapp.AuditNote;
import dev.eventstarter.testapp.Author;
import dev.eventstarter.testapp.Gadget;
import dev.eventstarter.testapp.Label;
import dev.eventstarter.testapp.Opaque;
import dev.eventstarter.testapp.OrderLine;
import dev.eventstarter.testapp.OrderLineId;
import dev.eventstarter.testapp.Post;
import dev.eventstarter.testapp.PostRepository;
import dev.eventstarter.testapp.Status;
import org.hibernate.Hibernate;
import tools.jackson.databind.exc.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.eventstarter.test.EventRows.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every capture rule of DESIGN.md "Capture", asserted on the stored rows. Subclasses run
 * it against each supported database.
 */
abstract class CaptureContractTests extends IntegrationTests {

	@Autowired
	PostRepository posts;

	@Test
	void createdEventHoldsNewStateWithEveryAttributeAdded() {
		Long postId = this.tx.execute((status) -> {
			Author author = new Author(1L, "Alice", "alice@example.com",
					new Address("Main St 1", "Springfield", "12345", "u4pruyd"));
			this.em.persist(author);
			Post post = new Post("Hello");
			post.setScore(new BigDecimal("4.50"));
			post.setPublishedOn(LocalDate.of(2026, 11, 22));
			post.setAuthor(author);
			post.getTags().add("intro");
			post.setSearchText("hello world");
			this.em.persist(post);
			return post.getId();
		});
		List<Row> rows = this.events.all();
		assertThat(rows).extracting(Row::eventType).containsExactly("writers.created", "posts.created");
		Row author = rows.get(0);
		assertThat(author.resourceName()).isEqualTo("writers");
		assertThat(author.resourceId()).isEqualTo("1");
		assertThat(author.data()).isEqualTo(parse("""
				{"old": null,
				 "new": {"id": 1, "name": "Alice", "email": "***",
				         "address": {"street": "Main St 1", "city": "Springfield", "zip": "***"}},
				 "changes": {"added": ["id", "name", "email", "address"], "updated": [], "removed": []}}
				"""));
		Row post = rows.get(1);
		assertThat(post.resourceName()).isEqualTo("posts");
		assertThat(post.resourceId()).isEqualTo(postId.toString());
		assertThat(post.data()).isEqualTo(parse("""
				{"old": null,
				 "new": {"id": %d, "title": "Hello", "status": "DRAFT", "score": 4.50, "publishedOn": "2026-11-22",
				         "author": 1, "version": 0},
				 "changes": {"added": ["id", "title", "status", "score", "publishedOn", "author", "version"],
				             "updated": [], "removed": []}}
				""".formatted(postId)));
		assertThat(post.source()).isEqualTo("test-app");
		assertThat(post.priority()).isEqualTo(5);
		assertThat(post.tenant()).isNull();
		assertThat(post.sessionVariables()).isNull();
		assertThat(post.traceContext()).isNull();
		assertThat(post.metadata()).isNull();
		assertThat(post.dispatchedAt()).isNull();
		assertThat(post.availableAt()).isEqualTo(post.createdAt());
		assertThat(post.transactionId()).isEqualTo(author.transactionId());
		assertThat(post.eventId()).isNotEqualTo(author.eventId());
	}

	@Test
	void dirtyCheckedUpdateListsChangedAttributesInDeclarationOrderWithoutLoadingAssociations() {
		Long postId = createPostWithAuthor();
		this.events.deleteAll();
		this.tx.executeWithoutResult((status) -> {
			Post post = this.em.find(Post.class, postId);
			post.setStatus(Status.PUBLISHED);
			post.setTitle("Hello again");
			this.em.flush();
			assertThat(Hibernate.isInitialized(post.getAuthor())).isFalse();
		});
		Row row = this.events.single();
		assertThat(row.eventType()).isEqualTo("posts.updated");
		assertThat(row.data()).isEqualTo(parse("""
				{"old": {"id": %1$d, "title": "Hello", "status": "DRAFT", "score": null, "publishedOn": null,
				         "author": 1, "version": 0},
				 "new": {"id": %1$d, "title": "Hello again", "status": "PUBLISHED", "score": null,
				         "publishedOn": null, "author": 1, "version": 1},
				 "changes": {"added": [], "updated": ["title", "status", "version"], "removed": []}}
				""".formatted(postId)));
	}

	@Test
	void updateThroughRepositorySaveIsCaptured() {
		Long postId = createPostWithAuthor();
		this.events.deleteAll();
		Post post = this.posts.findById(postId).orElseThrow();
		post.setScore(new BigDecimal("3"));
		this.posts.save(post);
		assertThat(this.events.single().data().get("changes").get("updated")).isEqualTo(parse("""
				["score", "version"]"""));
	}

	@Test
	void updateOfIgnoredAttributesOnlyProducesNoEvent() {
		Long postId = createPostWithAuthor();
		this.events.deleteAll();
		this.tx.executeWithoutResult((status) -> {
			this.em.find(Post.class, postId).setSearchText("changed");
			this.em.find(Author.class, 1L).getAddress().setGeoHash("changed");
		});
		assertThat(this.jdbc.sql("select search_text from posts").query(String.class).single()).isEqualTo("changed");
		assertThat(this.events.count()).isZero();
	}

	@Test
	void changeOfMaskedAttributeIsListedButItsValuesAreHidden() {
		createPostWithAuthor();
		this.events.deleteAll();
		this.tx.executeWithoutResult((status) -> this.em.find(Author.class, 1L).setEmail("alice@example.org"));
		Row row = this.events.single();
		assertThat(row.data().get("changes").get("updated")).isEqualTo(parse("[\"email\"]"));
		assertThat(row.data().get("old").get("email").asString()).isEqualTo("***");
		assertThat(row.data().get("new").get("email").asString()).isEqualTo("***");
		assertThat(row.data().toString()).doesNotContain("alice@");
	}

	@Test
	void deletedEventHoldsOldStateWithEveryAttributeRemoved() {
		Long postId = createPostWithAuthor();
		this.events.deleteAll();
		this.tx.executeWithoutResult((status) -> this.em.remove(this.em.find(Post.class, postId)));
		Row row = this.events.single();
		assertThat(row.eventType()).isEqualTo("posts.deleted");
		assertThat(row.data()).isEqualTo(parse("""
				{"old": {"id": %1$d, "title": "Hello", "status": "DRAFT", "score": null, "publishedOn": null,
				         "author": 1, "version": 0},
				 "new": null,
				 "changes": {"added": [], "updated": [],
				             "removed": ["id", "title", "status", "score", "publishedOn", "author", "version"]}}
				""".formatted(postId)));
	}

	@Test
	void softDeleteIsCapturedAsDeleted() {
		this.tx.executeWithoutResult((status) -> this.em.persist(new Label(7L, "news")));
		this.tx.executeWithoutResult((status) -> this.em.remove(this.em.find(Label.class, 7L)));
		assertThat(this.events.all()).extracting(Row::eventType).containsExactly("labels.created", "labels.deleted");
		assertThat(this.events.all().get(1).data().get("old")).isEqualTo(parse("{\"id\": 7, \"name\": \"news\"}"));
		assertThat(this.jdbc.sql("select count(*) from labels where deleted = true").query(Integer.class).single())
			.isOne();
	}

	@Test
	void untrackedEntityProducesNoEvent() {
		this.tx.executeWithoutResult((status) -> this.em.persist(new AuditNote("not an event")));
		assertThat(this.jdbc.sql("select count(*) from audit_notes").query(Integer.class).single()).isOne();
		assertThat(this.events.count()).isZero();
	}

	@Test
	void compositeIdIsWrittenAsCompactJson() {
		this.tx.executeWithoutResult((status) -> this.em.persist(new OrderLine(new OrderLineId("A-1", 2), 5)));
		Row row = this.events.single();
		assertThat(row.resourceName()).isEqualTo("order_lines");
		assertThat(row.resourceId()).isEqualTo("{\"orderNo\":\"A-1\",\"line\":2}");
		assertThat(row.data().get("new"))
			.isEqualTo(parse("{\"id\": {\"orderNo\": \"A-1\", \"line\": 2}, \"quantity\": 5}"));
		assertThat(this.store.history("order_lines", new OrderLineId("A-1", 2))).hasSize(1);
	}

	@Test
	void rollbackLeavesNoEvent() {
		this.tx.executeWithoutResult((status) -> {
			this.em.persist(new Post("rolled back"));
			this.em.flush();
			status.setRollbackOnly();
		});
		assertThatException().isThrownBy(() -> this.tx.executeWithoutResult((status) -> {
			this.em.persist(new Post("failed"));
			throw new IllegalStateException("business failure");
		}));
		assertThat(this.events.count()).isZero();
	}

	@Test
	void eventsOfOneTransactionShareItsTransactionId() {
		this.tx.executeWithoutResult((status) -> {
			for (int i = 0; i < 3; i++) {
				this.em.persist(new Post("post " + i));
			}
		});
		this.tx.executeWithoutResult((status) -> this.em.persist(new Post("other transaction")));
		List<Row> rows = this.events.all();
		assertThat(rows).hasSize(4);
		assertThat(rows.subList(0, 3)).extracting(Row::transactionId).containsOnly(rows.get(0).transactionId());
		assertThat(rows.get(3).transactionId()).isNotEqualTo(rows.get(0).transactionId());
	}

	@Test
	void unserializableAttributeFailsTheTransactionNamingEntityAndAttribute() {
		assertThatException()
			.isThrownBy(
					() -> this.tx.executeWithoutResult((status) -> this.em.persist(new Gadget(1L, new Opaque("x")))))
			.havingRootCause()
			.isInstanceOf(InvalidDefinitionException.class);
		assertThat(captureFailure(
				() -> this.tx.executeWithoutResult((status) -> this.em.persist(new Gadget(2L, new Opaque("x"))))))
			.hasMessage("Cannot capture a change of entity " + Gadget.class.getName() + ": attribute 'opaque' of type "
					+ Opaque.class.getName() + " cannot be written as JSON (No serializer found for class "
					+ Opaque.class.getName() + " and no properties discovered to create BeanSerializer). "
					+ "Leave it out with @EventIgnore, hide it with @Masked, or make the type serializable by Jackson.");
		assertThat(this.jdbc.sql("select count(*) from gadgets").query(Integer.class).single()).isZero();
		assertThat(this.events.count()).isZero();
	}

	@Test
	void storedEventExposesStatesChangesAndTypedPayload() {
		Long postId = createPostWithAuthor();
		this.tx.executeWithoutResult((status) -> this.em.find(Post.class, postId).setStatus(Status.PUBLISHED));
		Event updated = this.store.findByEventId(this.events.all().get(2).eventId()).orElseThrow();
		assertThat(updated.eventType()).isEqualTo("posts.updated");
		assertThat(updated.oldState()).containsEntry("status", "DRAFT").containsEntry("author", 1);
		assertThat(updated.newState()).containsEntry("status", "PUBLISHED");
		assertThat(updated.changes().updated()).containsExactly("status", "version");
		assertThat(updated.changes().added()).isEmpty();
		assertThat(updated.payload(PostView.class)).isEqualTo(new PostView(postId, "Hello", Status.PUBLISHED));
	}

	static EventCaptureException captureFailure(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof EventCaptureException captureException) {
					return captureException;
				}
			}
			throw new AssertionError("No EventCaptureException in the causes", ex);
		}
		throw new AssertionError("Expected the transaction to fail");
	}

	private Long createPostWithAuthor() {
		return this.tx.execute((status) -> {
			Author author = new Author(1L, "Alice", "alice@example.com",
					new Address("Main St 1", "Springfield", "12345", "u4pruyd"));
			this.em.persist(author);
			Post post = new Post("Hello");
			post.setAuthor(author);
			this.em.persist(post);
			return post.getId();
		});
	}

	record PostView(Long id, String title, Status status) {

	}

}
