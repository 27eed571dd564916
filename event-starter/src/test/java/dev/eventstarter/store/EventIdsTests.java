package dev.eventstarter.store;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event ids are RFC 9562 version 7 UUIDs: unique, and ordered by their millisecond.
 */
class EventIdsTests {

	@Test
	void idsAreVersion7WithTheRfcVariantAndTheCurrentMillisecond() {
		long before = System.currentTimeMillis();
		UUID id = EventIds.next();
		long after = System.currentTimeMillis();
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
	}

	@Test
	void idsOfLaterMillisecondsSortAfterEarlierOnesAndNeverRepeat() throws InterruptedException {
		Set<UUID> seen = new HashSet<>();
		UUID earlier = EventIds.next();
		Thread.sleep(2);
		for (int i = 0; i < 100_000; i++) {
			UUID later = EventIds.next();
			assertThat(seen.add(later)).isTrue();
			assertThat(Long.compareUnsigned(later.getMostSignificantBits(), earlier.getMostSignificantBits()))
				.isPositive();
		}
	}

}
