package dev.eventstarter.erasure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.Delivery;
import dev.eventstarter.ErasureResult;
import dev.eventstarter.Event;
import dev.eventstarter.EventContext;
import dev.eventstarter.EventErasure;
import dev.eventstarter.OnEvent;
import dev.eventstarter.OriginSource;
import dev.eventstarter.store.EventJson;
import dev.eventstarter.test.IntegrationTests;
import dev.eventstarter.testapp.Address;
import dev.eventstarter.testapp.Author;
import dev.eventstarter.testapp.Post;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure of a resource and of a user, on each database, with real entity changes, the
 * audit log on, and deliveries driven by {@code drain()} so that an event can be erased
 * before it is delivered.
 */
@Import(ErasureContractTests.Subjects.class)
@TestPropertySource(properties = { "events.jdbc.initialize-schema=always", "events.audit.enabled=true" })
abstract class ErasureContractTests extends IntegrationTests {

	private static final String SECRET = "S3CRET";

	@Autowired
	EventErasure erasure;

	@Autowired
	EventJson eventJson;

	@Autowired
	Recorder recorder;

	@BeforeEach
	void emptyAuditLog() {
		this.jdbc.sql("delete from _audit_log").update();
		this.recorder.events.clear();
	}

	@Test
	void erasingAResourceNullsItsValuesAndKeepsTheSkeleton() {
		author(1L, "Ada", "ada@example.com", "1 Main Street");
		author(2L, "Grace", "grace@example.com", "2 Side Street");
		this.tx.executeWithoutResult((status) -> this.em.find(Author.class, 1L).setName("Ada L."));
		this.bus.drain();
		List<Event> before = this.store.history("writers", 1L);
		assertThat(this.erasure.eraseResource("writers", 1L)).isEqualTo(new ErasureResult(2, 2));
		assertThat(this.store.stateAt("writers", 1L, before.get(1).createdAt()).orElseThrow())
			.as("the state at any time has the attributes, without their values")
			.containsOnlyKeys(before.get(1).newState().keySet())
			.allSatisfy((name, value) -> assertThat(value).as(name).isNull());
		assertThat(this.jdbc
			.sql("select resource_id, erased_at from _audit_log where resource_name = 'writers' " + "order by id")
			.query((rs, rowNum) -> rs.getString(1) + " " + (rs.getObject(2) != null))
			.list()).as("the audit log says the values of resource 1 are erased")
			.containsExactly("1 true", "2 false", "1 true");
		List<Event> after = this.store.history("writers", "1");
		assertThat(after).hasSize(2);
		for (int i = 0; i < after.size(); i++) {
			Event was = before.get(i);
			Event erased = after.get(i);
			assertThat(erased.id()).isEqualTo(was.id());
			assertThat(erased.eventId()).isEqualTo(was.eventId());
			assertThat(erased.eventType()).isEqualTo(was.eventType());
			assertThat(erased.resourceId()).isEqualTo("1");
			assertThat(erased.createdAt()).isEqualTo(was.createdAt());
			assertThat(erased.transactionId()).isEqualTo(was.transactionId());
			assertThat(erased.changes()).isEqualTo(was.changes());
			assertThat(erased.newState()).containsOnlyKeys(was.newState().keySet()).allSatisfy((name, value) -> {
				assertThat(value).as(name).isNull();
			});
			assertThat(erased.erasedAt()).isNotNull();
			assertThat(was.erasedAt()).isNull();
		}
		assertThat(after.get(0).data().get("old").isNull()).isTrue();
		assertThat(after.get(1).oldState()).containsOnlyKeys(before.get(1).oldState().keySet());
		assertThat(after.get(1).changes().updated()).containsExactly("name");
		Event found = this.store.findByEventId(before.get(1).eventId()).orElseThrow();
		assertThat(found.erasedAt()).isEqualTo(after.get(1).erasedAt());
		assertThat(JsonMapper.shared().readTree(this.eventJson.document(found)).get("erasedAt").asString())
			.isEqualTo(found.erasedAt().toString());
		Event other = this.store.history("writers", 2L).get(0);
		assertThat(other.erasedAt()).isNull();
		assertThat(other.newState()).containsEntry("name", "Grace");
		assertThat(JsonMapper.shared().readTree(this.eventJson.document(other)).propertyNames()).containsExactly("id",
				"eventId", "eventType", "resourceName", "resourceId", "createdAt", "dispatchedAt", "data",
				"sessionVariables", "traceContext", "tenant", "source", "priority", "transactionId");
		assertThat(this.erasure.eraseResource("writers", "1")).as("again").isEqualTo(new ErasureResult(0, 0));
		assertThat(this.store.history("writers", 1L)).extracting(Event::erasedAt)
			.containsExactlyElementsOf(after.stream().map(Event::erasedAt).toList());
	}

	@Test
	void erasingAUserDropsTheirSessionVariablesAndTheirIdentityInTheAuditLog() {
		Long alices = EventContext.with().userId("alice").role("editor").call(() -> post("By Alice"));
		Long bobs = EventContext.with().userId("bob").role("editor").call(() -> post("By Bob"));
		this.bus.drain();
		assertThat(this.erasure.eraseUser("alice")).isEqualTo(new ErasureResult(1, 1));
		Event alice = this.store.history("posts", alices).get(0);
		assertThat(alice.sessionVariables()).isNull();
		assertThat(alice.erasedAt()).isNotNull();
		assertThat(alice.newState()).containsEntry("title", "By Alice");
		Event bob = this.store.history("posts", bobs).get(0);
		assertThat(bob.sessionVariables().userId()).isEqualTo("bob");
		assertThat(bob.erasedAt()).isNull();
		assertThat(auditRow(alice).get("erased_at")).as("the audit log says erased").isNotNull();
		assertThat(auditRow(bob)).containsEntry("erased_at", null);
		assertThat(auditRow(alice)).containsEntry("user_id", null)
			.containsEntry("role", null)
			.containsEntry("ip", null)
			.containsEntry("user_agent", null)
			.containsEntry("event_type", "posts.created")
			.containsEntry("resource_id", alices.toString());
		assertThat(auditRow(bob)).containsEntry("user_id", "bob")
			.containsEntry("role", "editor")
			.containsEntry("ip", "ip-of-bob")
			.containsEntry("user_agent", "agent-of-bob");
		assertThat(this.erasure.eraseUser("alice")).as("again").isEqualTo(new ErasureResult(0, 0));
	}

	@Test
	void noSecretRemainsInAnyColumnOfAnyRowOnceTheSubjectIsErased() {
		String user = SECRET + "-user";
		EventContext.with().userId(user).role(SECRET + "-role").run(() -> {
			author(7L, SECRET + "-name", SECRET + "@example.com", SECRET + " Street");
			this.tx.executeWithoutResult((status) -> this.em.find(Author.class, 7L).setName(SECRET + "-renamed"));
			this.bus.emitUpdated("profiles", "p-7", Map.of("nickname", SECRET + "-nick"),
					Map.of("nickname", SECRET + "-nick2"));
		});
		this.bus.drain();
		assertThat(dump()).as("before").contains(SECRET);
		this.erasure.eraseResource("writers", 7L);
		this.erasure.eraseResource("profiles", "p-7");
		assertThat(this.erasure.eraseUser(user)).isEqualTo(new ErasureResult(3, 3));
		assertThat(dump()).doesNotContain(SECRET);
		assertThat(this.events.all()).extracting((row) -> row.eventType() + " " + row.resourceId())
			.containsExactly("writers.created 7", "writers.updated 7", "profiles.updated p-7");
		assertThat(this.jdbc.sql("select event_type from _audit_log order by id").query(String.class).list())
			.containsExactly("writers.created", "writers.updated", "profiles.updated");
		assertThat(this.store.history("profiles", "p-7").get(0).changes().updated()).containsExactly("nickname");
	}

	@Test
	void anEventErasedBeforeItsDeliveryIsDeliveredErased() {
		EventContext.with().userId("carol").run(() -> author(9L, "Carol", "carol@example.com", "9 Late Lane"));
		assertThat(this.recorder.events).isEmpty();
		this.erasure.eraseResource("writers", 9L);
		this.erasure.eraseUser("carol");
		this.bus.drain();
		assertThat(this.recorder.events).singleElement().satisfies((event) -> {
			assertThat(event.resourceId()).isEqualTo("9");
			assertThat(event.erasedAt()).isNotNull();
			assertThat(event.sessionVariables()).isNull();
			assertThat(event.newState()).containsEntry("name", null).containsEntry("address", null);
		});
		assertThat(dump()).doesNotContain("Carol").doesNotContain("carol").doesNotContain("Late Lane");
	}

	private void author(long id, String name, String email, String street) {
		this.tx.executeWithoutResult(
				(status) -> this.em.persist(new Author(id, name, email, new Address(street, "Town", "12345", "u0"))));
	}

	private Long post(String title) {
		return this.tx.execute((status) -> {
			Post post = new Post(title);
			this.em.persist(post);
			return post.getId();
		});
	}

	private Map<String, Object> auditRow(Event event) {
		return this.jdbc.sql("select * from _audit_log where resource_id = :id")
			.param("id", event.resourceId())
			.query((rs, rowNum) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
					row.put(rs.getMetaData().getColumnLabel(column).toLowerCase(), rs.getString(column));
				}
				return row;
			})
			.single();
	}

	/**
	 * Every column of every row of the event tables, as text.
	 */
	private String dump() {
		List<String> values = new ArrayList<>();
		for (String table : List.of("_events", "_event_deliveries", "_audit_log")) {
			this.jdbc.sql("select * from " + table).query((rs) -> {
				for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
					values.add(table + "." + rs.getMetaData().getColumnLabel(column) + "=" + rs.getString(column));
				}
			});
		}
		return String.join("\n", values);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Subjects {

		/**
		 * Where the request would be, for code outside one: an IP address and user agent
		 * that name the user.
		 */
		@Bean
		OriginSource requestOfTheCurrentUser() {
			return (origin) -> {
				EventContext context = EventContext.current();
				if (context != null && context.userId() != null) {
					origin.request("ip-of-" + context.userId(), "agent-of-" + context.userId());
				}
			};
		}

		@Bean
		Recorder erasureRecorder() {
			return new Recorder();
		}

	}

	static class Recorder {

		final List<Event> events = new CopyOnWriteArrayList<>();

		@OnEvent(value = "writers.*", id = "erasure-recorder", delivery = Delivery.DURABLE)
		void record(Event event) {
			this.events.add(event);
		}

	}

}
