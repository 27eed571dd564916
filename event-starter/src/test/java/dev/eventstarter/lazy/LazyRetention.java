package dev.eventstarter.lazy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.eventstarter.dispatch.RetentionTask;

import org.springframework.stereotype.Component;

/**
 * A retention task nothing injects: the dispatcher must run it all the same.
 */
@Component
class LazyRetention implements RetentionTask {

	static final AtomicInteger runs = new AtomicInteger();

	@Override
	public String rows() {
		return "nothing";
	}

	@Override
	public int run(BooleanSupplier stopping) {
		runs.incrementAndGet();
		return 0;
	}

}
