package dev.eventstarter.context;

import java.util.Optional;

import dev.eventstarter.OriginSource;
import dev.eventstarter.SessionVariablesContributor;
import dev.eventstarter.TenantResolver;
import dev.eventstarter.autoconfigure.EventsAutoConfiguration;
import dev.eventstarter.store.EventRecorder;
import io.micrometer.tracing.Tracer;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The origin of every event: who (Spring Security), where (the servlet request) and in
 * which trace (Micrometer Tracing), each read by an {@link OriginSource} when its library
 * is on the classpath, and the tenant.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnBean(EventRecorder.class)
public final class OriginAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OriginResolver eventOriginResolver(ObjectProvider<OriginSource> sources,
			ObjectProvider<SessionVariablesContributor> contributors, ObjectProvider<TenantResolver> tenantResolver,
			ObjectProvider<EntityManagerFactory> entityManagerFactory) {
		// looked up when the first event is recorded: these beans may depend on the
		// EntityManagerFactory that capture hooks into
		TenantResolver hibernateTenantResolver = new HibernateTenantResolver(entityManagerFactory::getIfUnique);
		return new OriginResolver(SingletonSupplier.of(() -> sources.orderedStream().toList()),
				SingletonSupplier.of(() -> contributors.orderedStream().toList()),
				SingletonSupplier.of(() -> tenantResolver.getIfUnique(() -> hibernateTenantResolver)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ RequestContextHolder.class, HttpServletRequest.class })
	static class RequestOriginConfiguration {

		@Bean
		RequestOriginSource eventRequestOriginSource() {
			return new RequestOriginSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
	static class SecurityOriginConfiguration {

		@Bean
		SecurityOriginSource eventSecurityOriginSource() {
			return new SecurityOriginSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
	static class TracerOriginConfiguration {

		@Bean
		TracerOriginSource eventTracerOriginSource(ObjectProvider<Tracer> tracer) {
			SingletonSupplier<Optional<Tracer>> lookup = SingletonSupplier
				.of(() -> Optional.ofNullable(tracer.getIfUnique()));
			return new TracerOriginSource(() -> lookup.obtain().orElse(null));
		}

	}

}
