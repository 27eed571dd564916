package dev.eventstarter.invalidapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity whose table name is no valid resource name.
 */
@Entity
@Table(name = "\"blog posts\"")
public class BlogPost {

	@Id
	private Long id;

}
