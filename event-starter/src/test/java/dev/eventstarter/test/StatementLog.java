package dev.eventstarter.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Records every JDBC statement the application executes, through a datasource-proxy
 * wrapped around its {@link DataSource}.
 */
public final class StatementLog implements QueryExecutionListener, BeanPostProcessor {

	private final List<Statement> statements = Collections.synchronizedList(new ArrayList<>());

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
			return ProxyDataSourceBuilder.create(dataSource).name("statements").listener(this).build();
		}
		return bean;
	}

	@Override
	public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
	}

	@Override
	public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
		for (QueryInfo query : queryInfoList) {
			int rows = execInfo.isBatch() ? query.getParametersList().size() : 1;
			this.statements.add(new Statement(query.getQuery().strip().replaceAll("\\s+", " "), execInfo.isBatch(),
					rows, Thread.currentThread().getName()));
		}
	}

	public void clear() {
		this.statements.clear();
	}

	public List<Statement> statements() {
		synchronized (this.statements) {
			return List.copyOf(this.statements);
		}
	}

	/**
	 * One executed statement.
	 *
	 * @param sql the SQL, whitespace collapsed
	 * @param batch whether it ran as a JDBC batch
	 * @param rows how many parameter sets it carried
	 * @param thread the thread that ran it
	 */
	public record Statement(String sql, boolean batch, int rows, String thread) {

		public boolean touches(String table) {
			return this.sql.toLowerCase(Locale.ROOT).matches(".*\\b" + table + "\\b.*");
		}

		public boolean isSelect() {
			return this.sql.toLowerCase(Locale.ROOT).startsWith("select");
		}

		@Override
		public String toString() {
			return (this.batch ? "batch of " + this.rows + ": " : "") + this.sql;
		}

	}

}
