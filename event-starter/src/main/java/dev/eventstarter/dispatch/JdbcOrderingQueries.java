package dev.eventstarter.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.eventstarter.store.StoredEvent;

/**
 * What holds back ordered deliveries: one query, in the dialect of the database. The
 * batch's ids are an array on PostgreSQL and H2, an {@code IN} list on MariaDB and MySQL.
 */
final class JdbcOrderingQueries implements OrderingQueries {

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

	private final Function<Collection<Long>, Object> batchIds;

	/**
	 * Create the queries.
	 * @param selectBlocks {@link #SELECT_BLOCKS_ARRAYS} or
	 * {@link #SELECT_BLOCKS_IN_LISTS}
	 * @param batchIds the parameter value of the batch's ids in that query
	 */
	JdbcOrderingQueries(DispatchJdbc jdbc, String selectBlocks, Function<Collection<Long>, Object> batchIds) {
		this.jdbc = jdbc;
		this.selectBlocks = selectBlocks;
		this.batchIds = batchIds;
	}

	static JdbcOrderingQueries withArrays(DispatchJdbc jdbc) {
		return new JdbcOrderingQueries(jdbc, SELECT_BLOCKS_ARRAYS, DispatchJdbc::ids);
	}

	static JdbcOrderingQueries withInLists(DispatchJdbc jdbc) {
		// an empty IN list is not SQL; no event has id -1
		return new JdbcOrderingQueries(jdbc, SELECT_BLOCKS_IN_LISTS, (ids) -> ids.isEmpty() ? List.of(-1L) : ids);
	}

	@Override
	public OrderingBlocks blocks(Collection<StoredEvent> events, Collection<Long> batch) {
		List<Object[]> resources = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (StoredEvent event : events) {
			String key = OrderingQueries.orderingKey(event);
			if (key != null && !keys.contains(key)) {
				keys.add(key);
				resources.add(new Object[] { event.resourceName(), event.resourceId() });
			}
		}
		if (keys.isEmpty()) {
			return OrderingBlocks.NONE;
		}
		Map<String, Long> firstUndispatched = new HashMap<>();
		Map<String, Long> firstUnfinished = new HashMap<>();
		this.jdbc.jdbc()
			.sql(this.selectBlocks)
			.param("resources", resources)
			.param("ids", this.batchIds.apply(batch))
			.param("orderingKeys", keys)
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

}
