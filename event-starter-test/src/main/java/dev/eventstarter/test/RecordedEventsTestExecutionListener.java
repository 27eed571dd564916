package dev.eventstarter.test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Starts every test method afresh: nothing recorded, the clock at the system time. It
 * runs before the test's transaction begins, so what the test and its {@code @BeforeEach}
 * methods record is kept.
 */
final class RecordedEventsTestExecutionListener extends AbstractTestExecutionListener {

	// before TransactionalTestExecutionListener (4000), after dependency injection (2000)
	private static final int ORDER = 3500;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(RecordedEvents.class).ifAvailable(RecordedEvents::clear);
		context.getBeanProvider(EventRecording.class).ifAvailable(EventRecording::clear);
		context.getBeanProvider(SettableClock.class).ifAvailable(SettableClock::reset);
	}

}
