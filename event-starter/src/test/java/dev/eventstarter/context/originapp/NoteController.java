package dev.eventstarter.context.originapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.EventBus;
import jakarta.persistence.EntityManager;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NoteController {

	private final EntityManager em;

	private final EventBus bus;

	NoteController(EntityManager em, EventBus bus) {
		this.em = em;
		this.bus = bus;
	}

	@PostMapping("/notes")
	@Transactional
	List<Long> create(@RequestBody String text, @RequestParam(defaultValue = "1") int count) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Note note = new Note(text);
			this.em.persist(note);
			ids.add(note.getId());
		}
		return ids;
	}

	@PostMapping("/pings")
	UUID ping(@RequestParam(required = false) String tenant) {
		EmitOptions options = (tenant != null) ? EmitOptions.builder().tenant(tenant).build() : EmitOptions.defaults();
		return this.bus.emit("notes.pinged", Map.of("at", "now"), options);
	}

}
