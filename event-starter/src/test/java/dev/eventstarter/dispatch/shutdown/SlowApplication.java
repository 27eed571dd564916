package dev.eventstarter.dispatch.shutdown;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.annotation.Bean;

/**
 * An application whose only subscriber takes its time.
 */
@SpringBootApplication
public class SlowApplication {

	static final List<UUID> delivered = new CopyOnWriteArrayList<>();

	static volatile CountDownLatch firstStarted = new CountDownLatch(1);

	static volatile CountDownLatch closing = new CountDownLatch(1);

	@Bean
	SlowSubscriber slowSubscriber() {
		return new SlowSubscriber();
	}

	// the context announces its close before it stops the dispatcher
	@Bean
	ApplicationListener<ContextClosedEvent> closingSignal() {
		return (event) -> closing.countDown();
	}

	static class SlowSubscriber {

		@OnEvent("slow.*")
		void handle(Event event) throws InterruptedException {
			firstStarted.countDown();
			// runs on into the shutdown, however long the test takes to begin it
			closing.await(10, TimeUnit.SECONDS);
			Thread.sleep(300);
			delivered.add(event.eventId());
		}

	}

}
