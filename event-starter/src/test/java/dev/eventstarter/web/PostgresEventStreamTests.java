package dev.eventstarter.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import dev.eventstarter.test.PostgresTestConfiguration;

import org.springframework.context.annotation.Import;

@Import(PostgresTestConfiguration.class)
class PostgresEventStreamTests extends EventStreamContractTests {

	private static final String INSERT_EVENT = """
			insert into _events (event_id, event_type, created_at, available_at, data, transaction_id, dispatched_at)
			values (?, ?, now(), now(), cast('{}' as jsonb), ?, now()) returning id""";

	@Override
	long insert(Connection connection, String type) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
			insert.setObject(1, UUID.randomUUID());
			insert.setString(2, type);
			insert.setObject(3, UUID.randomUUID());
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

}
