package dev.eventstarter.dispatch.shutdown;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application whose only subscriber takes its time.
 */
@SpringBootApplication
public class SlowApplication {

	static final List<UUID> delivered = new CopyOnWriteArrayList<>();

	static volatile CountDownLatch firstStarted = new CountDownLatch(1);

	@Bean
	SlowSubscriber slowSubscriber() {
		return new SlowSubscriber();
	}

	static class SlowSubscriber {

		@OnEvent("slow.*")
		void handle(Event event) throws InterruptedException {
			firstStarted.countDown();
			Thread.sleep(300);
			delivered.add(event.eventId());
		}

	}

}
