package dev.eventstarter.test;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Entity changes for tests that run an application context without injection.
 */
public final class Entities {

	private Entities() {
	}

	/**
	 * Persist an entity in a transaction of its own.
	 * @param context the application context
	 * @param entity the entity
	 */
	public static void persist(ApplicationContext context, Object entity) {
		EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
			entityManager.persist(entity);
		});
	}

}
