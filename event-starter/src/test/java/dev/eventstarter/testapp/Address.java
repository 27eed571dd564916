package dev.eventstarter.testapp;

import dev.eventstarter.EventIgnore;
import dev.eventstarter.Masked;
import jakarta.persistence.Embeddable;

@Embeddable
public class Address {

	private String street;

	private String city;

	@Masked
	private String zip;

	@EventIgnore
	private String geoHash;

	protected Address() {
	}

	public Address(String street, String city, String zip, String geoHash) {
		this.street = street;
		this.city = city;
		this.zip = zip;
		this.geoHash = geoHash;
	}

	public String getStreet() {
		return this.street;
	}

	public String getCity() {
		return this.city;
	}

	public String getZip() {
		return this.zip;
	}

	public String getGeoHash() {
		return this.geoHash;
	}

	public void setGeoHash(String geoHash) {
		this.geoHash = geoHash;
	}

}
