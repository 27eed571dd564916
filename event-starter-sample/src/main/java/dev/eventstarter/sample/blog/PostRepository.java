package dev.eventstarter.sample.blog;

import java.util.List;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PostRepository extends JpaRepository<Post, Long> {

	@EntityGraph(attributePaths = { "author", "tags" })
	List<Post> findAllByOrderByIdDesc();

	boolean existsBySlug(String slug);

	boolean existsBySlugAndIdNot(String slug, Long id);

}
