package dev.eventstarter.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.TraceContext;
import dev.eventstarter.context.EventOrigin;
import dev.eventstarter.context.OriginResolver;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completes a draft into a row: ids, times, source, origin and metadata.
 */
public final class PendingEventFactory {

	private final JsonMapper jsonMapper;

	private final @Nullable String defaultSource;

	private final OriginResolver originResolver;

	private final Clock clock;

	/**
	 * Create a factory.
	 * @param jsonMapper writes the JSON columns
	 * @param defaultSource the source of events emitted without one
	 * @param originResolver tells who recorded the event, in which trace and tenant
	 * @param clock the clock of {@code created_at}
	 */
	public PendingEventFactory(JsonMapper jsonMapper, @Nullable String defaultSource, OriginResolver originResolver,
			Clock clock) {
		this.jsonMapper = jsonMapper;
		this.defaultSource = defaultSource;
		this.originResolver = originResolver;
		this.clock = clock;
	}

	PendingEvent create(EventDraft draft, TransactionEvents transaction, @Nullable String sessionTenant) {
		EmitOptions options = draft.options();
		// PostgreSQL keeps microseconds: truncating here makes the in-memory event equal
		// the stored one
		Instant createdAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String source = (options.source() != null) ? options.source() : this.defaultSource;
		EventOrigin origin = this.originResolver.resolve(options, sessionTenant);
		OriginJson originJson = transaction.originJson(origin, this::json);
		return new PendingEvent(EventIds.next(), draft.eventType(), draft.resourceName(), draft.resourceId(), createdAt,
				options.availableAt(createdAt).truncatedTo(ChronoUnit.MICROS), options.priority(), origin.tenant(),
				source, draft.data(), originJson.sessionVariables(), originJson.traceContext(),
				transaction.transactionId(), draft.metadata());
	}

	private OriginJson json(EventOrigin origin) {
		SessionVariables variables = origin.sessionVariables();
		TraceContext trace = origin.traceContext();
		// the record's components are the JSON keys, in order
		return new OriginJson(
				(variables != null) ? this.jsonMapper.writeValueAsString(EventJson.sessionVariables(variables)) : null,
				(trace != null) ? this.jsonMapper.writeValueAsString(trace) : null);
	}

	/**
	 * The JSON columns of an origin.
	 *
	 * @param sessionVariables the {@code session_variables} column
	 * @param traceContext the {@code trace_context} column
	 */
	record OriginJson(@Nullable String sessionVariables, @Nullable String traceContext) {

		static final OriginJson NONE = new OriginJson(null, null);

	}

}
