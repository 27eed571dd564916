package dev.eventstarter.sample.blog;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to create or change a post.
 *
 * @param title the title, required
 * @param slug the URL name; made from the title when missing on creation, kept when
 * missing on a change
 * @param body the text
 * @param tags up to ten tags
 */
public record PostRequest(@NotBlank @Size(max = 200) String title, @Size(max = 80) @Pattern(regexp = Slugs.PATTERN,
		message = "must be lower-case letters and digits joined by single hyphens, such as my-first-post") String slug,
		@Size(max = 10_000) String body, @Size(max = 10) List<@NotBlank @Size(max = 30) @Pattern(regexp = Slugs.PATTERN,
				message = "must be lower-case letters and digits joined by single hyphens, such as spring-boot") String> tags) {

	public PostRequest {
		tags = (tags != null) ? tags : List.of();
	}

}
