package dev.eventstarter.audit;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.eventstarter.Event;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Audit rows on MariaDB and MySQL: the rows already there are read first, then the others
 * inserted in one batch that keeps any row a concurrent round wrote meanwhile, both in
 * one transaction: outside one, the driver commits every row of the batch on its own.
 * Times are UTC local times, as in {@code _events}.
 */
final class MariaDbAuditRows implements AuditRows {

	private static final String SELECT_WRITTEN = """
			select event_id from _audit_log where event_id in (:eventIds)""";

	private static final String INSERT = """
			insert into _audit_log (event_id, occurred_at, event_type, action, resource_name, resource_id, tenant,
			    user_id, role, ip, user_agent, changed_fields, trace_id)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			on duplicate key update event_id = event_id""";

	private static final String PURGE = """
			delete from _audit_log where occurred_at < :cutoff order by id limit :limit""";

	private final JdbcTemplate jdbc;

	private final JsonMapper jsonMapper;

	private final TransactionTemplate readCommitted;

	private final TransactionTemplate inTransaction;

	MariaDbAuditRows(JdbcTemplate jdbc, JsonMapper jsonMapper) {
		this.jdbc = jdbc;
		this.jsonMapper = jsonMapper;
		DataSource dataSource = jdbc.getDataSource();
		Assert.state(dataSource != null, "No DataSource");
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		this.readCommitted = new TransactionTemplate(transactionManager);
		this.readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.readCommitted.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.inTransaction = new TransactionTemplate(transactionManager);
	}

	@Override
	public Set<UUID> insert(List<Event> events) {
		List<@Nullable Object[]> rows = events.stream()
			.map((event) -> AuditEntry.of(event).values(this.jsonMapper))
			.toList();
		Set<UUID> inserted = this.inTransaction.execute((status) -> insertMissing(rows));
		return (inserted != null) ? inserted : Set.of();
	}

	private Set<UUID> insertMissing(List<@Nullable Object[]> rows) {
		List<String> eventIds = rows.stream().map((values) -> String.valueOf(values[0])).toList();
		Set<String> written = new HashSet<>(JdbcClient.create(this.jdbc)
			.sql(SELECT_WRITTEN)
			.param("eventIds", eventIds)
			.query(String.class)
			.list());
		List<@Nullable Object[]> missing = new ArrayList<>();
		for (@Nullable
		Object[] values : rows) {
			if (!written.contains(String.valueOf(values[0]))) {
				missing.add(values);
			}
		}
		if (!missing.isEmpty()) {
			this.jdbc.batchUpdate(INSERT, missing, missing.size(), (statement, values) -> {
				for (int column = 0; column < values.length; column++) {
					Object value = values[column];
					if (value instanceof Instant instant) {
						statement.setObject(column + 1, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
					}
					else if (value != null) {
						statement.setObject(column + 1, value.toString());
					}
					else {
						statement.setNull(column + 1, Types.VARCHAR);
					}
				}
			});
		}
		Set<UUID> inserted = new HashSet<>();
		for (@Nullable
		Object[] values : missing) {
			inserted.add((UUID) values[0]);
		}
		return inserted;
	}

	@Override
	public int purge(Instant cutoff, int limit) {
		// read committed: the scan passes over rows that other transactions have not
		// committed, instead of waiting for them
		Integer deleted = this.readCommitted.execute((status) -> JdbcClient.create(this.jdbc)
			.sql(PURGE)
			.param("cutoff", LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC))
			.param("limit", limit)
			.update());
		return (deleted != null) ? deleted : 0;
	}

}
