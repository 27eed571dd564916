package dev.eventstarter.amqp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The RabbitMQ server of the tests, at Spring Boot's default address
 * ({@code 127.0.0.1:5672}, {@code guest}/{@code guest}), reached directly, never through
 * a proxy a test cuts: declares exchanges and queues named for one test run, reads the
 * queues as another service would, and deletes what it declared.
 */
public final class TestBroker implements AutoCloseable {

	public static final String HOST = "127.0.0.1";

	public static final int PORT = 5672;

	private final String prefix = "event-starter-test." + UUID.randomUUID().toString().substring(0, 8) + ".";

	private final CachingConnectionFactory connectionFactory;

	private final RabbitAdmin admin;

	private final RabbitTemplate template;

	private final List<String> exchanges = new ArrayList<>();

	private final List<String> queues = new ArrayList<>();

	public TestBroker() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 2000);
		}
		catch (IOException ex) {
			throw new IllegalStateException("RabbitMQ does not answer at " + HOST + ":" + PORT
					+ "; start it with ../shared/scripts/rabbitmq-ensure (the tests need a real broker)", ex);
		}
		this.connectionFactory = new CachingConnectionFactory(HOST, PORT);
		this.connectionFactory.setUsername("guest");
		this.connectionFactory.setPassword("guest");
		this.admin = new RabbitAdmin(this.connectionFactory);
		this.template = new RabbitTemplate(this.connectionFactory);
	}

	/**
	 * A name no other test run uses.
	 * @param name the name within this run
	 * @return the name on the broker
	 */
	public String name(String name) {
		return this.prefix + name;
	}

	/**
	 * Declare a topic exchange of this run.
	 * @param name the name on the broker
	 */
	public void declareExchange(String name) {
		this.admin.declareExchange(new TopicExchange(name, false, false));
		if (!this.exchanges.contains(name)) {
			this.exchanges.add(name);
		}
	}

	/**
	 * Declare a queue of this run bound to an exchange.
	 * @param exchange the exchange on the broker
	 * @param bindingKey the topic binding key, such as {@code #}
	 * @return the queue name
	 */
	public String bindQueue(String exchange, String bindingKey) {
		String queue = exchange + ".queue";
		this.admin.declareQueue(new Queue(queue, false, false, false));
		this.admin
			.declareBinding(BindingBuilder.bind(new Queue(queue)).to(new TopicExchange(exchange)).with(bindingKey));
		if (!this.queues.contains(queue)) {
			this.queues.add(queue);
		}
		return queue;
	}

	/**
	 * Take the next message of a queue.
	 * @param queue the queue
	 * @param timeout how long to wait for one
	 * @return the message, or {@code null} when none came
	 */
	public Message receive(String queue, Duration timeout) {
		return this.template.receive(queue, timeout.toMillis());
	}

	/**
	 * Take messages of a queue until it has given a number of them or stays empty.
	 * @param queue the queue
	 * @param count how many messages to wait for
	 * @param timeout how long to wait for all of them
	 * @return the messages, in the order the queue gave them
	 */
	public List<Message> receive(String queue, int count, Duration timeout) {
		List<Message> messages = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (messages.size() < count && System.nanoTime() < deadline) {
			// basic.get: a receive with a timeout subscribes and cancels a consumer each
			// time
			Message message = this.template.receive(queue);
			if (message != null) {
				messages.add(message);
			}
			else {
				sleep();
			}
		}
		return messages;
	}

	private static void sleep() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.queues.forEach(this.admin::deleteQueue);
		this.exchanges.forEach(this.admin::deleteExchange);
		this.connectionFactory.destroy();
	}

}
