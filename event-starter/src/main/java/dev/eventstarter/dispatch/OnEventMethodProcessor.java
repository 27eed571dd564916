package dev.eventstarter.dispatch;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.eventstarter.Backoff;
import dev.eventstarter.Delivery;
import dev.eventstarter.EmitOptions;
import dev.eventstarter.OnEvent;
import dev.eventstarter.store.EventTypes;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link OnEvent} methods on every bean, proxies included, checks them and adds
 * them to the {@link Subscribers}. A mistake fails the creation of the bean, with a
 * message naming the method.
 */
public class OnEventMethodProcessor implements BeanPostProcessor {

	private final Subscribers subscribers = new Subscribers();

	private final Set<Class<?>> classesWithoutSubscribers = ConcurrentHashMap.newKeySet();

	public Subscribers subscribers() {
		return this.subscribers;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.classesWithoutSubscribers.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, OnEvent.class)) {
			return bean;
		}
		Map<Method, OnEvent> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<OnEvent>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, OnEvent.class));
		if (methods.isEmpty()) {
			this.classesWithoutSubscribers.add(targetClass);
		}
		methods.forEach((method, annotation) -> this.subscribers.add(subscriber(bean, beanName, method, annotation)));
		return bean;
	}

	static Subscriber subscriber(Object bean, String beanName, Method method, OnEvent annotation) {
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
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		return Subscriber.method(id, patterns, delivery, maxAttempts, backoff, annotation.ordered(), fields, bean,
				invocable);
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
