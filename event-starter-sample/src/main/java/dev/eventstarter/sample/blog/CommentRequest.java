package dev.eventstarter.sample.blog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to write or change a comment.
 *
 * @param body the text, required
 */
public record CommentRequest(@NotBlank @Size(max = 2000) String body) {

}
