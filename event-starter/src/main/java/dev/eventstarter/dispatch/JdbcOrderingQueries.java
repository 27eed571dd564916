package dev.eventstarter.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.eventstarter.store.DatabasePlatform;
import dev.eventstarter.store.StoredEvent;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * What holds back ordered deliveries: one query, in the dialect of the database. On
 * PostgreSQL the resources are arrays, each looked up on its own in the resource index: a
 * list of (name, id) pairs made it read every event of the resource name, about 90 ms a
 * round of 500 against 2 ms. The batch's ids are an array on H2 too, an {@code IN} list
 * on MariaDB and MySQL.
 */
final class JdbcOrderingQueries implements OrderingQueries {

	static final String SELECT_BLOCKS_POSTGRESQL = """
			select cast(null as varchar(255)) as subscriber, r.resource_name || '/' || r.resource_id as ordering_key,
			       earliest.id as first_id
			from unnest(:names, :resourceIds) as r(resource_name, resource_id)
			cross join lateral (select e.id from _events e
			                    where e.resource_name = r.resource_name and e.resource_id = r.resource_id
			                      and not (e.id = any(:ids))
			                      and %s
			                    order by e.id limit 1) earliest
			union all
			select subscriber, ordering_key, min(event_id) as first_id
			from _event_deliveries
			where ordering_key = any(:orderingKeys) and status in ('PENDING', 'FAILED', 'DEAD')
			group by subscriber, ordering_key""".formatted(DatabasePlatform.POSTGRESQL.undispatched("e"));

	static final String SELECT_BLOCKS_ARRAYS = """
			select cast(null as varchar(255)) as subscriber, resource_name || '/' || resource_id as ordering_key,
			       min(id) as first_id
			from _events
			where dispatched_at is null and (resource_name, resource_id) in (:resources) and not (id = any(:ids))
			group by resource_name, resource_id
			union all
			select subscriber, ordering_key, min(event_id) as first_id
			from _event_deliveries
			where ordering_key in (:orderingKeys) and status in ('PENDING', 'FAILED', 'DEAD')
			group by subscriber, ordering_key""";

	// MariaDB and MySQL: no arrays, and || is "or"
	static final String SELECT_BLOCKS_IN_LISTS = """
			select cast(null as char(255)) as subscriber, concat(resource_name, '/', resource_id) as ordering_key,
			       min(id) as first_id
			from _events
			where dispatched_at is null and (resource_name, resource_id) in (:resources) and id not in (:ids)
			group by resource_name, resource_id
			union all
			select subscriber, ordering_key, min(event_id) as first_id
			from _event_deliveries
			where ordering_key in (:orderingKeys) and status in ('PENDING', 'FAILED', 'DEAD')
			group by subscriber, ordering_key""";

	private final DispatchJdbc jdbc;

	private final String selectBlocks;

	private final Parameters parameters;

	JdbcOrderingQueries(DispatchJdbc jdbc, String selectBlocks, Parameters parameters) {
		this.jdbc = jdbc;
		this.selectBlocks = selectBlocks;
		this.parameters = parameters;
	}

	static JdbcOrderingQueries forPostgres(DispatchJdbc jdbc) {
		return new JdbcOrderingQueries(jdbc, SELECT_BLOCKS_POSTGRESQL, (statement, resources, keys, batch) -> statement
			.param("names", DispatchJdbc.names(resources.stream().map((resource) -> resource[0]).toList()))
			.param("resourceIds", DispatchJdbc.names(resources.stream().map((resource) -> resource[1]).toList()))
			.param("ids", DispatchJdbc.ids(batch))
			.param("orderingKeys", DispatchJdbc.names(keys)));
	}

	static JdbcOrderingQueries withArrays(DispatchJdbc jdbc) {
		return new JdbcOrderingQueries(jdbc, SELECT_BLOCKS_ARRAYS,
				(statement, resources, keys, batch) -> statement.param("resources", resources)
					.param("ids", DispatchJdbc.ids(batch))
					.param("orderingKeys", keys));
	}

	static JdbcOrderingQueries withInLists(DispatchJdbc jdbc) {
		// an empty IN list is not SQL; no event has id -1
		return new JdbcOrderingQueries(jdbc, SELECT_BLOCKS_IN_LISTS,
				(statement, resources, keys, batch) -> statement.param("resources", resources)
					.param("ids", batch.isEmpty() ? List.of(-1L) : batch)
					.param("orderingKeys", keys));
	}

	@Override
	public OrderingBlocks blocks(Collection<StoredEvent> events, Collection<Long> batch) {
		List<String[]> resources = new ArrayList<>();
		Set<String> keys = new LinkedHashSet<>();
		for (StoredEvent event : events) {
			String key = OrderingQueries.orderingKey(event);
			if (key != null && keys.add(key)) {
				resources.add(new String[] { event.resourceName(), event.resourceId() });
			}
		}
		if (keys.isEmpty()) {
			return OrderingBlocks.NONE;
		}
		Map<String, Long> firstUndispatched = new HashMap<>();
		Map<String, Long> firstUnfinished = new HashMap<>();
		this.parameters.bind(this.jdbc.jdbc().sql(this.selectBlocks), resources, List.copyOf(keys), batch)
			.query((rs) -> {
				String subscriber = rs.getString("subscriber");
				String key = rs.getString("ordering_key");
				long firstId = rs.getLong("first_id");
				if (subscriber == null) {
					firstUndispatched.put(key, firstId);
				}
				else {
					firstUnfinished.put(subscriber + " " + key, firstId);
				}
			});
		return new OrderingBlocks(firstUndispatched, firstUnfinished);
	}

	/**
	 * Binds the resources, their ordering keys and the batch's ids as the query of a
	 * database takes them.
	 */
	@FunctionalInterface
	interface Parameters {

		StatementSpec bind(StatementSpec statement, List<String[]> resources, List<String> keys,
				Collection<Long> batch);

	}

}
