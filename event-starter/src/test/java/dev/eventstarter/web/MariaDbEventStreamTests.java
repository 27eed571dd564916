package dev.eventstarter.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.eventstarter.test.MariaDbTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(MariaDbTestConfiguration.class)
@TestPropertySource(properties = MariaDbTestConfiguration.DATABASE_PROPERTY + "=events_stream")
class MariaDbEventStreamTests extends EventStreamContractTests {

	// ids and JSON as text, times as UTC local times, as the starter writes them
	private static final String INSERT_EVENT = """
			insert into _events (event_id, event_type, created_at, available_at, data, transaction_id, dispatched_at)
			values (?, ?, ?, ?, ?, ?, ?)""";

	@Override
	long insert(Connection connection, String type) throws SQLException {
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT, Statement.RETURN_GENERATED_KEYS)) {
			insert.setString(1, UUID.randomUUID().toString());
			insert.setString(2, type);
			insert.setObject(3, now);
			insert.setObject(4, now);
			insert.setString(5, "{}");
			insert.setString(6, UUID.randomUUID().toString());
			insert.setObject(7, now);
			insert.executeUpdate();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}

}
