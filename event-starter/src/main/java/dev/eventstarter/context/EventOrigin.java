package dev.eventstarter.context;

import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * Who recorded an event, in which trace and for which tenant.
 *
 * @param sessionVariables the session variables, or {@code null} outside a request and an
 * {@code EventContext}
 * @param traceContext the trace context, or {@code null} when there is no id at all
 * @param tenant the tenant, or {@code null}
 */
public record EventOrigin(@Nullable SessionVariables sessionVariables, @Nullable TraceContext traceContext,
		@Nullable String tenant) {

	/**
	 * An origin that knows nothing.
	 */
	public static final EventOrigin NONE = new EventOrigin(null, null, null);

}
