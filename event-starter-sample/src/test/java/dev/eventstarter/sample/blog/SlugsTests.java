package dev.eventstarter.sample.blog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTests {

	@Test
	void slugIsTheTitleInLowerCaseWordsJoinedByHyphens() {
		assertThat(Slugs.of("Hello, World!")).isEqualTo("hello-world");
		assertThat(Slugs.of("  Crème brûlée à la carte ")).isEqualTo("creme-brulee-a-la-carte");
		assertThat(Slugs.of("Spring Boot 4.1")).isEqualTo("spring-boot-4-1");
	}

	@Test
	void slugOfATitleWithoutLettersOrDigitsIsPost() {
		assertThat(Slugs.of("!!!")).isEqualTo("post");
	}

	@Test
	void slugIsAtMost80Characters() {
		assertThat(Slugs.of("word ".repeat(40))).hasSizeLessThanOrEqualTo(80)
			.doesNotEndWith("-")
			.matches(Slugs.PATTERN);
	}

}
