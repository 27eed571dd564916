package dev.eventstarter.dispatch;

import java.util.Collection;
import java.util.Map;

import dev.eventstarter.store.StoredEvent;
import org.jspecify.annotations.Nullable;

/**
 * Reads what holds back ordered deliveries of a batch's events.
 */
interface OrderingQueries {

	/**
	 * For each resource of some events the first undispatched event outside the batch,
	 * and for each ordered subscriber and resource the first event with an unfinished
	 * delivery. Complete only once every id below the events' is settled.
	 * @param events the events about to be delivered to ordered subscribers
	 * @param batch the ids of the whole batch, which do not hold each other back
	 * @return what holds them back
	 */
	OrderingBlocks blocks(Collection<StoredEvent> events, Collection<Long> batch);

	/**
	 * The key that orders the events of one resource, {@code null} for an event without a
	 * resource, which nothing orders.
	 */
	static @Nullable String orderingKey(StoredEvent event) {
		return (event.resourceName() != null && event.resourceId() != null)
				? event.resourceName() + "/" + event.resourceId() : null;
	}

	/**
	 * What holds back ordered deliveries of one batch.
	 *
	 * @param firstUndispatched by ordering key, the first undispatched event outside the
	 * batch
	 * @param firstUnfinished by subscriber and ordering key, the first event with an
	 * unfinished delivery
	 */
	record OrderingBlocks(Map<String, Long> firstUndispatched, Map<String, Long> firstUnfinished) {

		static final OrderingBlocks NONE = new OrderingBlocks(Map.of(), Map.of());

		/**
		 * Whether an earlier event of the resource, outside the batch, is not yet done
		 * for this subscriber.
		 */
		boolean blocks(String subscriber, String orderingKey, long eventId) {
			Long undispatched = this.firstUndispatched.get(orderingKey);
			Long unfinished = this.firstUnfinished.get(subscriber + " " + orderingKey);
			return (undispatched != null && undispatched < eventId) || (unfinished != null && unfinished < eventId);
		}

	}

}
