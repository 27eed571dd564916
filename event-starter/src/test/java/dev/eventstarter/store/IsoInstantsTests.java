package dev.eventstarter.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written ISO formatter reads back as the instant, to the microsecond, across
 * the years events can carry.
 */
class IsoInstantsTests {

	@Test
	void formatsWithSixFractionDigitsInUtc() {
		assertThat(IsoInstants.format(Instant.parse("2026-11-23T08:05:09.123456789Z")))
			.isEqualTo("2026-11-23T08:05:09.123456Z");
		assertThat(IsoInstants.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000Z");
		assertThat(IsoInstants.format(Instant.parse("0001-03-01T23:59:59.000001Z")))
			.isEqualTo("0001-03-01T23:59:59.000001Z");
		assertThat(IsoInstants.format(Instant.parse("9999-12-31T23:59:59.999999Z")))
			.isEqualTo("9999-12-31T23:59:59.999999Z");
		assertThat(IsoInstants.format(Instant.parse("2024-02-29T12:00:00Z"))).isEqualTo("2024-02-29T12:00:00.000000Z");
	}

	@Test
	void readsBackAsTheInstantTruncatedToMicroseconds() {
		SplittableRandom random = new SplittableRandom(42);
		long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 100_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));
			assertThat(Instant.parse(IsoInstants.format(instant))).isEqualTo(instant.truncatedTo(ChronoUnit.MICROS));
		}
	}

	@Test
	void leavesYearsPastFourDigitsToTheJdk() {
		Instant far = Instant.parse("+10000-01-01T00:00:00Z");
		assertThat(IsoInstants.format(far)).isEqualTo(far.toString());
	}

}
