package dev.eventstarter.sample.subscribers;

import java.util.List;

import dev.eventstarter.sample.subscribers.SearchIndex.Hit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Searches the published posts through the event-fed {@link SearchIndex}: a post shows up
 * a moment after it is published, once its event is delivered.
 */
@RestController
class SearchController {

	private final SearchIndex index;

	SearchController(SearchIndex index) {
		this.index = index;
	}

	@GetMapping("/api/search")
	List<Hit> search(@RequestParam String q) {
		return this.index.search(q);
	}

}
