package dev.eventstarter.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventstarter.store.StoredEvent;

/**
 * What holds back ordered deliveries, on MariaDB and MySQL: {@code IN} lists instead of
 * arrays, {@code concat} instead of {@code ||}.
 */
final class MariaDbOrderingQueries implements OrderingQueries {

	private static final String SELECT_BLOCKS = """
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

	MariaDbOrderingQueries(DispatchJdbc jdbc) {
		this.jdbc = jdbc;
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
			.sql(SELECT_BLOCKS)
			.param("resources", resources)
			.param("ids", batch.isEmpty() ? List.of(-1L) : batch)
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
