package dev.eventstarter.context;

import java.util.function.Supplier;

import dev.eventstarter.TenantResolver;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link TenantResolver}: asks the {@code CurrentTenantIdentifierResolver}
 * the application configured for Hibernate, if any.
 */
final class HibernateTenantResolver implements TenantResolver {

	private final Supplier<@Nullable EntityManagerFactory> entityManagerFactory;

	private volatile @Nullable Resolved resolved;

	/**
	 * Create a resolver.
	 * @param entityManagerFactory supplies the application's entity manager factory,
	 * asked once, when the first event is recorded: it may still be starting when this
	 * resolver is created
	 */
	HibernateTenantResolver(Supplier<@Nullable EntityManagerFactory> entityManagerFactory) {
		this.entityManagerFactory = entityManagerFactory;
	}

	@Override
	public @Nullable String resolveTenant() {
		CurrentTenantIdentifierResolver<?> resolver = resolver();
		if (resolver == null) {
			return null;
		}
		Object tenant = resolver.resolveCurrentTenantIdentifier();
		return (tenant != null) ? tenant.toString() : null;
	}

	private @Nullable CurrentTenantIdentifierResolver<?> resolver() {
		Resolved resolved = this.resolved;
		if (resolved == null) {
			EntityManagerFactory factory = this.entityManagerFactory.get();
			resolved = new Resolved((factory != null)
					? factory.unwrap(SessionFactoryImplementor.class).getCurrentTenantIdentifierResolver() : null);
			this.resolved = resolved;
		}
		return resolved.resolver();
	}

	private record Resolved(@Nullable CurrentTenantIdentifierResolver<?> resolver) {
	}

}
