package dev.eventstarter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The logical replication slot of the WAL store mode, and the SQL that reads it: the
 * {@code pgoutput} plugin with an empty publication, so that PostgreSQL decodes the
 * transactional messages of the write path and sends none of the application's row
 * changes. {@code pgoutput} is built into PostgreSQL and allowed by the managed services
 * that offer logical replication; {@code test_decoding} would turn every row change of
 * every table into text only to be thrown away.
 *
 * <p>
 * The relay reads the slot as a replication stream ({@link WalStream}); this class holds
 * its checks, its creation and what the relay asks of it in SQL. Positions are WAL byte
 * offsets ({@code pg_lsn - '0/0'}).
 */
public final class WalSlot {

	/**
	 * What a slot or publication name may be: it is written into SQL as an identifier.
	 */
	public static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final String PREFIX = "event-starter:";

	private static final String SERVER = """
			select current_setting('wal_level') as wal_level,
			  (select rolreplication or rolsuper from pg_roles where rolname = current_user) as replication,
			  current_setting('server_version_num')::int as version""";

	private static final String SLOT = """
			select plugin, database = current_database() as same_database
			from pg_replication_slots where slot_name = ?""";

	private static final String LEAD_KEY = "cast(cast(cast('_events' as regclass) as oid) as integer), 1";

	private final JdbcClient jdbc;

	private final String name;

	private final String publication;

	private final String prefix;

	/**
	 * Create the slot's view; nothing is checked or created until {@link #prepare()}.
	 * @param jdbc runs statements outside the relay's connection
	 * @param name the slot's name
	 * @param publication the publication the plugin is given
	 */
	public WalSlot(JdbcClient jdbc, String name, String publication) {
		Assert.isTrue(NAME.matcher(name).matches(), () -> "events.store.wal.slot '" + name
				+ "' is not a valid slot name: use 1 to 63 lower-case letters, digits and underscores");
		Assert.isTrue(NAME.matcher(publication).matches(), () -> "events.store.wal.publication '" + publication
				+ "' is not a valid publication name: use 1 to 63 lower-case letters, digits and underscores");
		this.jdbc = jdbc;
		this.name = name;
		this.publication = publication;
		this.prefix = PREFIX + name;
	}

	/**
	 * The slot name used when none is configured: one per database and schema, since
	 * slots are shared by the whole server.
	 * @param jdbc reads the current database and schema
	 * @return the name
	 */
	public static String defaultName(JdbcClient jdbc) {
		String where = jdbc.sql("select current_database() || '_' || coalesce(current_schema(), 'none')")
			.query(String.class)
			.single();
		String name = ("event_starter_" + where.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9_]", "_");
		return (name.length() > 63) ? name.substring(0, 63) : name;
	}

	public String name() {
		return this.name;
	}

	String publication() {
		return this.publication;
	}

	/**
	 * The prefix of this slot's messages: other event tables in the same database have
	 * their own, and their relays skip these.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Check the server and make sure the publication and the slot exist. The slot must
	 * exist before the first event is written: it decodes only what is written after it
	 * was created.
	 * @throws IllegalStateException naming what to change when the server cannot carry
	 * the mode
	 */
	public void prepare() {
		this.jdbc.sql(SERVER).query((rs, row) -> {
			String walLevel = rs.getString("wal_level");
			if (!"logical".equals(walLevel)) {
				throw new IllegalStateException("events.store.mode=wal needs PostgreSQL's wal_level=logical, but it is "
						+ walLevel + ". Set wal_level = logical in postgresql.conf (on a managed service, its "
						+ "logical replication setting) and restart the server, or remove events.store.mode.");
			}
			if (!rs.getBoolean("replication")) {
				throw new IllegalStateException("events.store.mode=wal reads a replication slot, but the database "
						+ "user has no REPLICATION attribute. Run ALTER ROLE <user> WITH REPLICATION (on a managed "
						+ "service, grant its replication role), or remove events.store.mode.");
			}
			if (rs.getInt("version") < 150000) {
				throw new IllegalStateException(
						"events.store.mode=wal needs PostgreSQL 15 or later: it relies on pgoutput skipping "
								+ "transactions without events");
			}
			return walLevel;
		}).single();
		if (this.jdbc.sql("select count(*) from pg_publication where pubname = ?")
			.param(this.publication)
			.query(Integer.class)
			.single() == 0) {
			createIgnoringRace(() -> this.jdbc.sql("create publication " + this.publication).update());
		}
		List<String> existing = this.jdbc.sql(SLOT).param(this.name).query((rs, row) -> {
			if (!rs.getBoolean("same_database")) {
				return "is a slot of another database";
			}
			String plugin = rs.getString("plugin");
			return "pgoutput".equals(plugin) ? "" : "uses the plugin " + plugin + ", not pgoutput";
		}).list();
		if (existing.isEmpty()) {
			// waits for transactions running now to end, so that the slot's first
			// position is consistent
			createIgnoringRace(() -> this.jdbc.sql("select pg_create_logical_replication_slot(?, 'pgoutput')")
				.param(this.name)
				.query(String.class)
				.list());
		}
		else if (!existing.get(0).isEmpty()) {
			throw new IllegalStateException("events.store.wal.slot '" + this.name + "' " + existing.get(0)
					+ ". Choose another name with events.store.wal.slot.");
		}
	}

	private static void createIgnoringRace(Runnable create) {
		try {
			create.run();
		}
		catch (RuntimeException ex) {
			// another instance starting at the same time created it
			if (!isDuplicate(ex)) {
				throw ex;
			}
		}
	}

	private static boolean isDuplicate(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "42710".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where the slot stands, or {@code null} when it does not exist.
	 * @return the bytes of WAL it has not confirmed and the bytes it keeps on disk
	 */
	public @Nullable Lag lag() {
		return this.jdbc.sql("""
				select cast(pg_current_wal_lsn() - confirmed_flush_lsn as bigint) as unconfirmed,
				  cast(pg_current_wal_lsn() - restart_lsn as bigint) as retained
				from pg_replication_slots where slot_name = ?""")
			.param(this.name)
			.query((rs, row) -> new Lag(rs.getLong("unconfirmed"), rs.getLong("retained")))
			.optional()
			.orElse(null);
	}

	/**
	 * The position the slot confirmed.
	 * @return the position, {@code -1} when the slot does not exist
	 */
	long confirmed() {
		return this.jdbc
			.sql("select cast(confirmed_flush_lsn - '0/0' as bigint) from pg_replication_slots "
					+ "where slot_name = ?")
			.param(this.name)
			.query(Long.class)
			.optional()
			.orElse(-1L);
	}

	// the relay's statements, on its own connection

	// the two-key form: the dispatcher's lock uses the one-key form, a separate space
	boolean tryLead(Connection connection) throws SQLException {
		return queryBoolean(connection, "select pg_try_advisory_lock(" + LEAD_KEY + ")");
	}

	void stopLeading(Connection connection) throws SQLException {
		queryBoolean(connection, "select pg_advisory_unlock(" + LEAD_KEY + ")");
	}

	private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getBoolean(1);
		}
	}

	/**
	 * How far behind the slot is.
	 *
	 * @param unconfirmed bytes of WAL written since the position the slot confirmed
	 * @param retained bytes of WAL the server keeps for the slot
	 */
	public record Lag(long unconfirmed, long retained) {

	}

}
