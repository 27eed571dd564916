package dev.eventstarter.dispatch;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.eventstarter.Backoff;
import dev.eventstarter.Delivery;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.OnEvent;
import dev.eventstarter.dispatch.Subscriber.MethodTarget;
import dev.eventstarter.store.EventTypes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds {@link OnEvent} methods on the types of every bean, as Spring finds
 * {@code @EventListener} methods: by the type of each bean definition, so that beans
 * nobody injects and lazy beans are subscribers too, created on their first delivery. A
 * mistake fails startup, with a message naming the method.
 */
class OnEventMethodProcessor implements SubscriberSource, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(OnEventMethodProcessor.class);

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public List<Subscriber> subscribers() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No BeanFactory");
		List<Subscriber> subscribers = new ArrayList<>();
		// no eager initialization: this may run while beans are still being created
		for (String beanName : beanFactory.getBeanNamesForType(Object.class, true, false)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = targetType(beanFactory, beanName);
			if (type == null || !AnnotationUtils.isCandidateClass(type, OnEvent.class)) {
				continue;
			}
			Map<Method, OnEvent> methods = MethodIntrospector.selectMethods(type,
					(MethodIntrospector.MetadataLookup<OnEvent>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, OnEvent.class));
			methods.forEach((method, annotation) -> subscribers
				.add(subscriber(beanName, method, annotation, target(beanFactory, beanName, method))));
		}
		return subscribers;
	}

	private static @Nullable Class<?> targetType(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
			return (type != null) ? ClassUtils.getUserClass(type) : null;
		}
		catch (RuntimeException ex) {
			// a bean whose type cannot be told without creating it, such as a lazy
			// factory
			// bean: Spring's @EventListener skips it too
			if (logger.isDebugEnabled()) {
				logger.debug("Could not resolve the type of bean '" + beanName + "' to look for @OnEvent methods", ex);
			}
			return null;
		}
	}

	/**
	 * Look the bean up on each delivery, once for a singleton: its proxy, if it has one,
	 * decides which method to call.
	 */
	private static Supplier<MethodTarget> target(ConfigurableListableBeanFactory beanFactory, String beanName,
			Method method) {
		Supplier<MethodTarget> lookup = () -> {
			Object bean = beanFactory.getBean(beanName);
			return new MethodTarget(bean, AopUtils.selectInvocableMethod(method, bean.getClass()));
		};
		return beanFactory.isSingleton(beanName) ? SingletonSupplier.of(lookup) : lookup;
	}

	static Subscriber subscriber(String beanName, Method method, OnEvent annotation, Supplier<MethodTarget> target) {
		String where = "@OnEvent method " + ClassUtils.getQualifiedMethodName(method);
		if (method.getParameterCount() != 1) {
			throw new IllegalStateException(where + " must take exactly one parameter (the Event, or a type its "
					+ "payload maps to), but takes " + method.getParameterCount());
		}
		List<String> patterns = patterns(where, annotation.value());
		Delivery delivery = annotation.delivery();
		boolean durable = delivery == Delivery.DURABLE;
		Integer maxAttempts = (annotation.maxAttempts() != 0) ? annotation.maxAttempts() : null;
		if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > EmitOptions.MAX_ATTEMPTS)) {
			throw new IllegalStateException(where + " has maxAttempts = " + maxAttempts + "; use 1 to "
					+ EmitOptions.MAX_ATTEMPTS + ", or leave it out for events.delivery.max-attempts");
		}
		if (annotation.backoff().length > 1) {
			throw new IllegalStateException(where + " names " + annotation.backoff().length + " backoffs; name one");
		}
		Backoff backoff = (annotation.backoff().length == 1) ? annotation.backoff()[0] : null;
		if (!durable && (maxAttempts != null || backoff != null || annotation.ordered())) {
			throw new IllegalStateException(where + " sets "
					+ (annotation.ordered() ? "ordered" : (maxAttempts != null) ? "maxAttempts" : "backoff")
					+ ", which only durable subscribers have; " + delivery + " deliveries are never retried. "
					+ "Remove it, or use delivery = Delivery.DURABLE.");
		}
		Set<String> fields = fields(where, annotation.fields(), patterns);
		String id = StringUtils.hasText(annotation.id()) ? annotation.id() : beanName + "." + method.getName();
		if (id.length() > 255) {
			throw new IllegalStateException(where + " has an id of " + id.length() + " characters; 255 at most");
		}
		return Subscriber.method(id, patterns, delivery, maxAttempts, backoff, annotation.ordered(), fields, method,
				target);
	}

	private static List<String> patterns(String where, String[] values) {
		if (values.length == 0) {
			throw new IllegalStateException(where + " names no event type; give one or more patterns, such as "
					+ "@OnEvent(\"posts.created\") or @OnEvent(\"*\")");
		}
		List<String> patterns = new ArrayList<>();
		for (String pattern : values) {
			if (!EventTypes.isValidPattern(pattern)) {
				throw new IllegalStateException(
						where + " has the invalid pattern '" + pattern + "'; a pattern is " + EventTypes.PATTERN_RULE);
			}
			patterns.add(pattern);
		}
		return patterns;
	}

	private static Set<String> fields(String where, String[] values, List<String> patterns) {
		if (values.length == 0) {
			return Set.of();
		}
		Set<String> fields = new LinkedHashSet<>();
		for (String field : values) {
			if (!StringUtils.hasText(field)) {
				throw new IllegalStateException(where + " has a blank name in fields");
			}
			fields.add(field);
		}
		if (patterns.stream().noneMatch(OnEventMethodProcessor::canMatchUpdated)) {
			throw new IllegalStateException(where + " sets fields " + fields + ", but its patterns " + patterns
					+ " cannot match an updated event (<resource>.updated), the only kind fields apply to");
		}
		return fields;
	}

	/**
	 * Whether some type ending in {@code .updated} matches the pattern: the part after
	 * its last {@code *} must fit at the end of such a type.
	 */
	static boolean canMatchUpdated(String pattern) {
		String suffix = ".updated";
		int star = pattern.lastIndexOf('*');
		if (star < 0) {
			return pattern.endsWith(suffix) && pattern.length() > suffix.length();
		}
		String tail = pattern.substring(star + 1);
		return tail.endsWith(suffix) || suffix.endsWith(tail);
	}

}
