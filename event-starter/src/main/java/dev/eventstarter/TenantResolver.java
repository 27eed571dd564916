package dev.eventstarter;

import org.jspecify.annotations.Nullable;

/**
 * Tells the tenant of an event that gets none from {@link EmitOptions}, the
 * {@link EventContext} or, for a captured entity change, the Hibernate session that made
 * it. Declare one as a bean to take the tenant from wherever the application keeps it;
 * without one, Hibernate's {@code CurrentTenantIdentifierResolver} is asked when one is
 * configured.
 *
 * <p>
 * It runs inside the user's transaction for every event: it must be quick. One that
 * throws is logged and the event is recorded without a tenant.
 */
@FunctionalInterface
public interface TenantResolver {

	/**
	 * Resolve the tenant of the running code.
	 * @return the tenant, or {@code null} for none
	 */
	@Nullable String resolveTenant();

}
