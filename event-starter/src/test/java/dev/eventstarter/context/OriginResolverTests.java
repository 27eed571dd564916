package dev.eventstarter.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.eventstarter.EmitOptions;
import dev.eventstarter.OriginSource;
import dev.eventstarter.EventContext;
import dev.eventstarter.SessionVariables;
import dev.eventstarter.SessionVariablesContributor;
import dev.eventstarter.TenantResolver;
import dev.eventstarter.TraceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an origin is put together from its sources, and how what the application plugs in
 * is bounded and kept from failing the transaction.
 */
@ExtendWith(OutputCaptureExtension.class)
class OriginResolverTests {

	private static final OriginSource request = (origin) -> {
		origin.request("10.0.0.7", "curl/8.5");
		origin.requestIds("req-1", null);
	};

	private static final OriginSource user = (origin) -> origin.user("alice", List.of("EDITOR", "WRITER"));

	private static final OriginSource span = (origin) -> origin.span("4bf92f3577b34da6a3ce929d0e0e4736",
			"00f067aa0ba902b7", "a3ce929d0e0e4736", true);

	@Test
	void combinesRequestUserAndSpan() {
		EventOrigin origin = resolver(List.of(request, user, span), List.of(), null).resolve(EmitOptions.defaults(),
				null);
		assertThat(origin.sessionVariables()).isEqualTo(new SessionVariables("alice", "EDITOR", "10.0.0.7", "curl/8.5",
				Map.of("roles", List.of("EDITOR", "WRITER"))));
		assertThat(origin.traceContext()).isEqualTo(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736",
				"00f067aa0ba902b7", "a3ce929d0e0e4736", "req-1", "req-1", true));
		assertThat(origin.tenant()).isNull();
	}

	@Test
	void theContextWinsOverTheRequestAndTheOptionsWinOverTheContext() {
		OriginResolver resolver = resolver(List.of(request, user), List.of(), () -> "resolved");
		EventOrigin origin = EventContext.with()
			.userId("batch")
			.role("system")
			.tenant("ctx")
			.correlationId("ctx-corr")
			.call(() -> resolver.resolve(EmitOptions.builder().tenant("opt").build(), "session"));
		assertThat(origin.sessionVariables().userId()).isEqualTo("batch");
		assertThat(origin.sessionVariables().role()).isEqualTo("system");
		assertThat(origin.sessionVariables().ip()).isEqualTo("10.0.0.7");
		assertThat(origin.traceContext().correlationId()).isEqualTo("ctx-corr");
		assertThat(origin.tenant()).isEqualTo("opt");
	}

	@Test
	void tenantComesFromTheSessionBeforeTheResolver() {
		OriginResolver resolver = resolver(List.of(), List.of(), () -> "resolved");
		assertThat(resolver.resolve(EmitOptions.defaults(), "session").tenant()).isEqualTo("session");
		assertThat(resolver.resolve(EmitOptions.defaults(), null).tenant()).isEqualTo("resolved");
	}

	@Test
	void aTraceIdGivenInCodeReplacesTheCurrentSpan() {
		EventOrigin origin = resolver(List.of(span), List.of(), null)
			.resolve(EmitOptions.builder().traceId("0af7651916cd43dd8448eb211c80319c").build(), null);
		assertThat(origin.traceContext())
			.isEqualTo(new TraceContext("0af7651916cd43dd8448eb211c80319c", null, null, null, null, null));
	}

	@Test
	void contributedValuesAreBounded() {
		SessionVariablesContributor contributor = (variables) -> {
			variables.put("long", "y".repeat(1000));
			variables.put("list", IntStream.range(0, 100).boxed().toList());
			variables.put("object", new StringBuilder("built"));
			variables.put("nested", List.of(List.of("a", "b")));
			variables.put("k".repeat(100), true);
			IntStream.range(0, 40).forEach((i) -> variables.put("extra" + i, i));
			variables.put("userAgent", "z".repeat(300));
		};
		SessionVariables variables = resolver(List.of(request), List.of(contributor), null)
			.resolve(EmitOptions.defaults(), null)
			.sessionVariables();
		assertThat(variables.userAgent()).hasSize(255);
		Map<String, Object> custom = variables.custom();
		assertThat(custom).hasSize(32);
		assertThat((String) custom.get("long")).hasSize(255);
		assertThat((List<?>) custom.get("list")).hasSize(32);
		assertThat(custom.get("object")).isEqualTo("built");
		assertThat(custom.get("nested")).isEqualTo(List.of("[a, b]"));
		assertThat(custom).containsKey("k".repeat(64));
	}

	@Test
	void aFailingContributorIsLoggedOnceWithItsStackTraceAndItsChangesAreLeftOut(CapturedOutput output) {
		SessionVariablesContributor broken = (variables) -> {
			variables.put("half", "written");
			throw new IllegalStateException("contributor down");
		};
		SessionVariablesContributor working = (variables) -> variables.put("plan", "gold");
		OriginResolver resolver = resolver(List.of(request), List.of(broken, working), null);
		for (int i = 0; i < 3; i++) {
			assertThat(resolver.resolve(EmitOptions.defaults(), null).sessionVariables().custom())
				.isEqualTo(Map.of("plan", "gold"));
		}
		// the first report has the exception in its message and a stack trace, the
		// others only the message
		assertThat(output.toString().split("contributor down", -1)).hasSize(5);
		assertThat(output).containsOnlyOnce("logged in one line from now on");
	}

	@Test
	void aFailingTenantResolverLeavesTheTenantOut(CapturedOutput output) {
		OriginResolver resolver = resolver(List.of(), List.of(), () -> {
			throw new IllegalStateException("no tenant here");
		});
		assertThat(resolver.resolve(EmitOptions.defaults(), null).tenant()).isNull();
		assertThat(output).contains("no tenant here").contains("without a tenant");
	}

	@Test
	void aFailingSourceIsSkipped(CapturedOutput output) {
		OriginSource broken = (origin) -> {
			throw new IllegalStateException("request gone");
		};
		EventOrigin origin = resolver(List.of(broken, user), List.of(), null).resolve(EmitOptions.defaults(), null);
		assertThat(origin.sessionVariables().userId()).isEqualTo("alice");
		assertThat(output).contains("request gone");
	}

	@Test
	void contributorsSeeTheStandardVariablesAndMayReplaceThem() {
		List<Map<String, Object>> seen = new ArrayList<>();
		SessionVariablesContributor masking = (variables) -> {
			seen.add(new LinkedHashMap<>(variables));
			variables.put("ip", "10.0.0.0");
		};
		SessionVariables variables = resolver(List.of(request, user), List.of(masking), null)
			.resolve(EmitOptions.defaults(), null)
			.sessionVariables();
		assertThat(seen.get(0)).containsEntry("userId", "alice").containsEntry("ip", "10.0.0.7");
		assertThat(variables.ip()).isEqualTo("10.0.0.0");
	}

	private static OriginResolver resolver(List<OriginSource> sources, List<SessionVariablesContributor> contributors,
			TenantResolver tenantResolver) {
		return new OriginResolver(() -> sources, () -> contributors, () -> tenantResolver);
	}

}
