package dev.eventstarter.dispatch;

import jakarta.persistence.EntityManager;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The subscribers of the dispatch tests.
 */
@TestConfiguration(proxyBeanMethods = false)
class DispatchTestConfiguration {

	@Bean
	TestSubscribers testSubscribers(EntityManager entityManager) {
		return new TestSubscribers(entityManager);
	}

	@Bean
	TransactionalTestSubscriber transactionalTestSubscriber(TestSubscribers recorder) {
		return new TransactionalTestSubscriber(recorder);
	}

}
