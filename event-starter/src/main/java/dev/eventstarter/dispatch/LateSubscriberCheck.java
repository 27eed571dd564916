package dev.eventstarter.dispatch;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.eventstarter.OnEvent;
import dev.eventstarter.dispatch.Subscriber.MethodTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Catches the {@code @OnEvent} methods that the bean definitions did not show: a
 * {@code @Bean} method declaring a supertype of what it returns hides them until the bean
 * exists, which under lazy initialization may be after events were dispatched without
 * them. They are added when the bean is created, with an error saying how to make them
 * known at startup.
 */
final class LateSubscriberCheck implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(LateSubscriberCheck.class);

	private final ObjectProvider<Subscribers> subscribers;

	private final Set<Class<?>> checked = ConcurrentHashMap.newKeySet();

	LateSubscriberCheck(ObjectProvider<Subscribers> subscribers) {
		this.subscribers = subscribers;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		if (!this.checked.add(type) || !AnnotationUtils.isCandidateClass(type, OnEvent.class)) {
			return bean;
		}
		Map<Method, OnEvent> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<OnEvent>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, OnEvent.class));
		if (methods.isEmpty()) {
			return bean;
		}
		Subscribers registry = this.subscribers.getIfAvailable();
		if (registry == null) {
			return bean;
		}
		methods.forEach((method, annotation) -> {
			Subscriber subscriber = OnEventMethodProcessor.subscriber(beanName, method, annotation,
					() -> new MethodTarget(bean, AopUtils.selectInvocableMethod(method, bean.getClass())));
			if (registry.byId(subscriber.id()) == null) {
				registry.add(subscriber);
				logger.error("@OnEvent method " + ClassUtils.getQualifiedMethodName(method)
						+ " became known only when bean '" + beanName + "' was created, and events dispatched "
						+ "before did not reach it. Declare its @Bean method's return type as " + type.getName()
						+ " so that it is known at startup.");
			}
		});
		return bean;
	}

}
