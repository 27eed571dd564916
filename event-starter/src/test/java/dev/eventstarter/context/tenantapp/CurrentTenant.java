package dev.eventstarter.context.tenantapp;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * The application's Hibernate tenant resolver: the tenant of the running thread.
 */
public class CurrentTenant implements CurrentTenantIdentifierResolver<String> {

	private static final ThreadLocal<String> tenant = ThreadLocal.withInitial(() -> "public");

	public static void set(String name) {
		tenant.set(name);
	}

	public static void reset() {
		tenant.remove();
	}

	@Override
	public String resolveCurrentTenantIdentifier() {
		return tenant.get();
	}

	@Override
	public boolean validateExistingCurrentSessions() {
		return false;
	}

}
