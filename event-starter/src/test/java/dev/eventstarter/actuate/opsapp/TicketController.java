package dev.eventstarter.actuate.opsapp;

import jakarta.persistence.EntityManager;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Transactional
class TicketController {

	static final String ACCESS_CODE = "s3cr3t-access-code";

	private final EntityManager em;

	TicketController(EntityManager em) {
		this.em = em;
	}

	@PostMapping("/tickets")
	long create(@RequestBody String title) {
		Ticket ticket = new Ticket(title, ACCESS_CODE);
		this.em.persist(ticket);
		this.em.flush();
		return ticket.getId();
	}

	@PutMapping("/tickets/{id}")
	void rename(@PathVariable long id, @RequestBody String title) {
		this.em.find(Ticket.class, id).setTitle(title);
	}

	@DeleteMapping("/tickets/{id}")
	void delete(@PathVariable long id) {
		this.em.remove(this.em.find(Ticket.class, id));
	}

}
