package dev.eventstarter.context.tenantapp;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * An entity partitioned by tenant with Hibernate's discriminator multi-tenancy.
 */
@Entity
@Table(name = "workspaces")
public class Workspace {

	@Id
	@GeneratedValue
	private Long id;

	@TenantId
	private String tenant;

	private String name;

	protected Workspace() {
	}

	public Workspace(String name) {
		this.name = name;
	}

}
