package dev.eventstarter.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.EventContext;
import dev.eventstarter.OriginSource;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.SessionVariablesContributor;
import dev.eventstarter.TenantResolver;
import dev.eventstarter.TraceContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Works out the origin of an event being recorded: session variables, trace context and
 * tenant, from the {@link OriginSource}s, the {@link EventContext}, the emit options and
 * the {@link SessionVariablesContributor}s.
 *
 * <p>
 * Values set in code win over those found around it: {@link EmitOptions} over the
 * {@link EventContext}, and the context over the request and the security context.
 * Everything it stores is bounded, and nothing the application plugs in can fail the
 * transaction: a contributor or tenant resolver that throws is logged and skipped.
 */
public final class OriginResolver {

	/**
	 * Longest string kept in a session variable, in characters.
	 */
	static final int MAX_TEXT = 255;

	/**
	 * Most custom session variables kept, and most elements kept of a collection.
	 */
	static final int MAX_ITEMS = 32;

	private static final Log logger = LogFactory.getLog(OriginResolver.class);

	private final Supplier<List<OriginSource>> sources;

	private final Supplier<List<SessionVariablesContributor>> contributors;

	private final Supplier<@Nullable TenantResolver> tenantResolver;

	private final Set<Class<?>> reportedFailures = ConcurrentHashMap.newKeySet();

	/**
	 * Create a resolver. The suppliers are asked on every event: they should cache.
	 * @param sources where the request, user and span come from
	 * @param contributors the application's contributors
	 * @param tenantResolver the tenant resolver, supplying {@code null} for none
	 */
	public OriginResolver(Supplier<List<OriginSource>> sources,
			Supplier<List<SessionVariablesContributor>> contributors,
			Supplier<@Nullable TenantResolver> tenantResolver) {
		this.sources = sources;
		this.contributors = contributors;
		this.tenantResolver = tenantResolver;
	}

	/**
	 * A resolver that only reads the options and the {@link EventContext}.
	 * @return the resolver
	 */
	public static OriginResolver contextOnly() {
		return new OriginResolver(List::of, List::of, () -> null);
	}

	/**
	 * Resolve the origin of an event recorded by the running code.
	 * @param options the event's emit options
	 * @param sessionTenant the tenant of the Hibernate session that captured the event,
	 * or {@code null}
	 * @return the origin
	 */
	public EventOrigin resolve(EmitOptions options, @Nullable String sessionTenant) {
		CollectedOrigin collected = new CollectedOrigin();
		for (OriginSource source : this.sources.get()) {
			try {
				source.collect(collected);
			}
			catch (RuntimeException ex) {
				reportFailure(source, "could not read the origin of an event", ex);
			}
		}
		EventContext context = EventContext.current();
		return new EventOrigin(sessionVariables(collected, context), traceContext(collected, context, options),
				tenant(options, context, sessionTenant));
	}

	/**
	 * Resolve only the tenant of the running code: the {@link EventContext}'s, else the
	 * tenant resolver's.
	 * @return the tenant, or {@code null}
	 */
	public @Nullable String resolveTenant() {
		return tenant(EmitOptions.defaults(), EventContext.current(), null);
	}

	private @Nullable SessionVariables sessionVariables(CollectedOrigin collected, @Nullable EventContext context) {
		if (!collected.inRequest && collected.userId == null && !namesSomeone(context)) {
			return null;
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		putIfNotNull(variables, "userId",
				(context != null && context.userId() != null) ? context.userId() : collected.userId);
		putIfNotNull(variables, "role", (context != null && context.role() != null) ? context.role() : collected.role);
		putIfNotNull(variables, "ip", collected.ip);
		putIfNotNull(variables, "userAgent", collected.userAgent);
		if (!collected.roles.isEmpty()) {
			variables.put("roles", collected.roles);
		}
		if (context != null) {
			variables.putAll(context.variables());
		}
		for (SessionVariablesContributor contributor : this.contributors.get()) {
			Map<String, Object> before = new LinkedHashMap<>(variables);
			try {
				contributor.contribute(variables);
			}
			catch (RuntimeException ex) {
				reportFailure(contributor, "failed; the variables it added are left out", ex);
				variables = before;
			}
		}
		return bounded(variables);
	}

	/**
	 * Whether a context says who: one that only carries a tenant or a correlation id,
	 * such as the one a delivery runs in, does not make the events emitted in it
	 * anyone's.
	 */
	private static boolean namesSomeone(@Nullable EventContext context) {
		return context != null
				&& (context.userId() != null || context.role() != null || !context.variables().isEmpty());
	}

	private static SessionVariables bounded(Map<String, Object> variables) {
		Map<String, Object> custom = new LinkedHashMap<>();
		for (Map.Entry<String, Object> variable : variables.entrySet()) {
			String name = variable.getKey();
			Object value = bounded(variable.getValue());
			if (name == null || value == null || SessionVariables.STANDARD_NAMES.contains(name)) {
				continue;
			}
			if (custom.size() == MAX_ITEMS) {
				break;
			}
			custom.put(truncate(name, EventContext.MAX_KEY_LENGTH), value);
		}
		return new SessionVariables(text(variables.get("userId")), text(variables.get("role")),
				text(variables.get("ip")), text(variables.get("userAgent")), custom);
	}

	private static @Nullable Object bounded(@Nullable Object value) {
		if (value == null || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Collection<?> collection) {
			List<Object> elements = new ArrayList<>(Math.min(collection.size(), MAX_ITEMS));
			for (Object element : collection) {
				if (elements.size() == MAX_ITEMS) {
					break;
				}
				Object bounded = (element instanceof Collection<?>) ? text(element) : bounded(element);
				if (bounded != null) {
					elements.add(bounded);
				}
			}
			return elements;
		}
		return text(value);
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? truncate(value.toString(), MAX_TEXT) : null;
	}

	private static String truncate(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length);
	}

	private static @Nullable TraceContext traceContext(CollectedOrigin collected, @Nullable EventContext context,
			EmitOptions options) {
		String correlationId = firstNonNull(options.correlationId(), (context != null) ? context.correlationId() : null,
				collected.correlationId, collected.requestId);
		if (options.traceId() != null) {
			// a trace given in code is another trace than the current span's
			return new TraceContext(options.traceId(), null, null, collected.requestId, correlationId, null);
		}
		if (collected.traceId == null && correlationId == null) {
			return null;
		}
		return new TraceContext(collected.traceId, collected.spanId, collected.parentSpanId, collected.requestId,
				correlationId, collected.sampled);
	}

	private @Nullable String tenant(EmitOptions options, @Nullable EventContext context,
			@Nullable String sessionTenant) {
		String tenant = firstNonNull(options.tenant(), (context != null) ? context.tenant() : null, sessionTenant);
		if (tenant != null) {
			return tenant;
		}
		TenantResolver resolver = this.tenantResolver.get();
		if (resolver == null) {
			return null;
		}
		try {
			String resolved = resolver.resolveTenant();
			return (resolved != null) ? truncate(resolved, MAX_TEXT) : null;
		}
		catch (RuntimeException ex) {
			reportFailure(resolver, "failed; the event is recorded without a tenant", ex);
			return null;
		}
	}

	@SafeVarargs
	private static <T> @Nullable T firstNonNull(@Nullable T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static void putIfNotNull(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	/**
	 * Log a failure with its stack trace the first time a component fails, and in one
	 * line after that, so that a broken contributor cannot flood the log.
	 */
	private void reportFailure(Object component, String what, RuntimeException ex) {
		String message = component.getClass().getName() + " " + what + ": " + ex;
		if (this.reportedFailures.add(component.getClass())) {
			logger.warn(message + " (logged in one line from now on)", ex);
		}
		else {
			logger.warn(message);
		}
	}

}
