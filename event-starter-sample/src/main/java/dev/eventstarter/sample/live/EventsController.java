package dev.eventstarter.sample.live;

import java.util.List;

import dev.eventstarter.EventQuery;
import dev.eventstarter.EventStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads {@code _events} through {@link EventStore}: the live page loads the latest events
 * from here, then follows the SSE stream.
 */
@RestController
class EventsController {

	private static final String LATEST_IDS = """
			select min(id) from (select id from _events order by id desc limit :limit) latest""";

	private final EventStore events;

	private final JdbcClient jdbc;

	EventsController(EventStore events, JdbcClient jdbc) {
		this.events = events;
		this.jdbc = jdbc;
	}

	/**
	 * The events after an id, or the latest ones; oldest first either way.
	 * @param after the id to read after, or none for the latest events
	 * @param limit the most events to return
	 * @return the events
	 */
	@GetMapping("/api/events")
	List<EventView> events(@RequestParam(required = false) Long after, @RequestParam(defaultValue = "50") int limit) {
		EventQuery.Builder query = EventQuery.builder().limit(limit);
		if (after != null) {
			query.afterId(after);
		}
		else {
			Long first = this.jdbc.sql(LATEST_IDS).param("limit", limit).query(Long.class).optional().orElse(null);
			query.afterId((first != null) ? first - 1 : 0);
		}
		return this.events.query(query.build()).stream().map(EventView::of).toList();
	}

}
