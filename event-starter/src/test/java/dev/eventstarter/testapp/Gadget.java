package dev.eventstarter.testapp;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity with an attribute Jackson cannot write.
 */
@Entity
@Table(name = "gadgets")
public class Gadget {

	@Id
	private Long id;

	@Convert(converter = OpaqueConverter.class)
	private Opaque opaque;

	protected Gadget() {
	}

	public Gadget(Long id, Opaque opaque) {
		this.id = id;
		this.opaque = opaque;
	}

	static class OpaqueConverter implements AttributeConverter<Opaque, String> {

		@Override
		public String convertToDatabaseColumn(Opaque attribute) {
			return (attribute != null) ? attribute.secret() : null;
		}

		@Override
		public Opaque convertToEntityAttribute(String dbData) {
			return (dbData != null) ? new Opaque(dbData) : null;
		}

	}

}
