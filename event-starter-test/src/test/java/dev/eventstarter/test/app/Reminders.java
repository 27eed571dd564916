package dev.eventstarter.test.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventstarter.Event;
import dev.eventstarter.OnEvent;

import org.springframework.stereotype.Component;

/**
 * A durable subscriber of delayed reminders.
 */
@Component
public class Reminders {

	private final List<String> sent = new CopyOnWriteArrayList<>();

	@OnEvent(value = "reminders.due", id = "reminders")
	void send(Event event) {
		this.sent.add(event.data().get("text").asString());
	}

	public List<String> sent() {
		return this.sent;
	}

}
