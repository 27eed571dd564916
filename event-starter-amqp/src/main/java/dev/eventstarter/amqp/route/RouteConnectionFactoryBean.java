package dev.eventstarter.amqp.route;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.boot.ssl.SslBundle;

/**
 * The RabbitMQ client connection factory of the routes, configured from
 * {@code spring.rabbitmq.*} like the application's: with an SSL bundle when
 * {@code spring.rabbitmq.ssl.bundle} names one, which Boot applies only to its own
 * factory bean.
 */
class RouteConnectionFactoryBean extends RabbitConnectionFactoryBean {

	private final @Nullable SslBundle sslBundle;

	private boolean enableHostnameVerification = true;

	RouteConnectionFactoryBean(@Nullable SslBundle sslBundle) {
		this.sslBundle = sslBundle;
	}

	@Override
	protected void setUpSSL() {
		if (this.sslBundle == null) {
			super.setUpSSL();
			return;
		}
		this.connectionFactory.useSslProtocol(this.sslBundle.createSslContext());
		if (this.enableHostnameVerification) {
			this.connectionFactory.enableHostnameVerification();
		}
	}

	@Override
	public void setEnableHostnameVerification(boolean enable) {
		this.enableHostnameVerification = enable;
		super.setEnableHostnameVerification(enable);
	}

}
