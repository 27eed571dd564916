package dev.eventstarter.test.app;

import org.springframework.data.jpa.repository.JpaRepository;

public interface Articles extends JpaRepository<Article, Long> {

}
