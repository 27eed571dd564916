package dev.eventstarter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Markdown files of the repository (the README, {@code docs/} and the modules'
 * READMEs) link only to files and headings that exist, and {@code docs/properties.md}
 * names exactly the properties of the generated configuration metadata, so the
 * documentation cannot drift from the tree.
 */
class DocumentationLinksTests {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final String PROPERTIES_PAGE = "docs/properties.md";

	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules");

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

	private static final Pattern CODE_SPAN = Pattern.compile("(?<!`)(`+)(?!`)(?:(?!\\n[ \\t]*\\n).)+?(?<!`)\\1(?!`)",
			Pattern.DOTALL);

	private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

	private static final Pattern INLINE_LINK = Pattern.compile("!?\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]"
			+ "\\(\\s*(<[^<>\\n]*>|[^\\s()<>]*(?:\\([^\\s()]*\\)[^\\s()<>]*)*)"
			+ "(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^()]*\\)))?\\s*\\)");

	private static final Pattern REFERENCE_DEFINITION = Pattern
		.compile("(?m)^ {0,3}\\[[^\\]\\n]+\\]:[ \\t]*(<[^<>\\n]*>|\\S+)");

	private static final Pattern HTML_LINK = Pattern.compile(
			"<(?:a|img)\\s[^>]*?\\b(?:href|src)\\s*=\\s*([\"'])(.*?)\\1", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s[^>]*?\\b(?:id|name)\\s*=\\s*([\"'])(.*?)\\1",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");

	private static final Pattern HEADING_LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");

	private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");

	private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

	private static final Pattern UNCHECKED_SCHEME = Pattern.compile("^(?i)(https?|mailto):");

	private static final Pattern PROPERTY_ROW = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)[^`]*`\\s*\\|");

	private final Path root = Path.of("").toAbsolutePath().getParent();

	@Test
	void everyRelativeLinkAndAnchorResolves() throws IOException {
		List<Path> files = markdownFiles();
		assertThat(files).as("Markdown files under %s", this.root)
			.contains(this.root.resolve("README.md"), this.root.resolve("docs/README.md"));
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path file : files) {
			for (Link link : links(file)) {
				checked++;
				String reason = brokenBecause(file, link.target());
				if (reason != null) {
					broken.add(name(file) + ":" + link.line() + ": " + link.target() + " (" + reason + ")");
				}
			}
		}
		assertThat(checked).as("links found in %s", files).isPositive();
		assertThat(broken)
			.withFailMessage("%d broken link(s) in the Markdown files:%n%s", broken.size(),
					String.join(System.lineSeparator(), broken))
			.isEmpty();
	}

	@Test
	void propertiesPageNamesEveryConfigurationProperty() throws IOException {
		Set<String> documented = documentedProperties();
		List<String> missing = configurationProperties().stream()
			.filter((property) -> !documented.contains(property))
			.toList();
		assertThat(missing)
			.withFailMessage("%s has no row for %d propert(ies) of %s; add one for each:%n%s", PROPERTIES_PAGE,
					missing.size(), METADATA, String.join(System.lineSeparator(), missing))
			.isEmpty();
	}

	@Test
	void propertiesPageNamesNoPropertyThatDoesNotExist() throws IOException {
		Set<String> properties = configurationProperties();
		// the broker modules check their own rows against their own metadata
		List<String> unknown = documentedProperties().stream()
			.filter((property) -> !property.startsWith("events.kafka.") && !property.startsWith("events.amqp."))
			.filter((property) -> !properties.contains(property))
			.toList();
		assertThat(unknown)
			.withFailMessage("%s has rows for %d propert(ies) that %s does not know:%n%s", PROPERTIES_PAGE,
					unknown.size(), METADATA, String.join(System.lineSeparator(), unknown))
			.isEmpty();
	}

	private List<Path> markdownFiles() throws IOException {
		List<Path> files = new ArrayList<>();
		Files.walkFileTree(this.root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
				String name = directory.getFileName().toString();
				boolean skipped = !directory.equals(DocumentationLinksTests.this.root)
						&& (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
				return (skipped) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
					files.add(file);
				}
				return FileVisitResult.CONTINUE;
			}

		});
		files.sort(null);
		return files;
	}

	private List<Link> links(Path file) throws IOException {
		String text = withoutCodeSpans(withoutFencedCode(read(file)));
		List<Link> links = new ArrayList<>();
		addInlineLinks(text, 0, text.length(), links);
		Matcher definition = REFERENCE_DEFINITION.matcher(text);
		while (definition.find()) {
			links.add(new Link(lineOf(text, definition.start(1)), unbracketed(definition.group(1))));
		}
		Matcher html = HTML_LINK.matcher(text);
		while (html.find()) {
			links.add(new Link(lineOf(text, html.start(2)), html.group(2)));
		}
		links.sort(Comparator.comparingInt(Link::line));
		return links;
	}

	private void addInlineLinks(String text, int start, int end, List<Link> links) {
		Matcher link = INLINE_LINK.matcher(text).region(start, end);
		while (link.find()) {
			links.add(new Link(lineOf(text, link.start(2)), unbracketed(link.group(2))));
			addInlineLinks(text, link.start(1), link.end(1), links);
		}
	}

	private String brokenBecause(Path file, String target) throws IOException {
		if (target.isEmpty()) {
			return "empty target";
		}
		if (UNCHECKED_SCHEME.matcher(target).find()) {
			return null;
		}
		if (SCHEME.matcher(target).find()) {
			return "not a relative link, http(s) or mailto";
		}
		int hash = target.indexOf('#');
		String path;
		String anchor;
		try {
			path = decoded((hash >= 0) ? target.substring(0, hash) : target);
			anchor = (hash >= 0) ? decoded(target.substring(hash + 1)) : null;
		}
		catch (IllegalArgumentException ex) {
			return "malformed percent-encoding";
		}
		Path resolved = (path.isEmpty()) ? file
				: ((path.startsWith("/")) ? this.root.resolve(path.substring(1)) : file.resolveSibling(path))
					.normalize();
		if (!resolved.startsWith(this.root)) {
			return "outside the repository";
		}
		if (!Files.exists(resolved)) {
			return "no such file";
		}
		if (anchor != null && Files.isRegularFile(resolved) && resolved.toString().endsWith(".md")
				&& !anchors(resolved).contains(anchor)) {
			return "no heading with this anchor in " + name(resolved);
		}
		return null;
	}

	private Set<String> anchors(Path file) throws IOException {
		String text = withoutFencedCode(read(file));
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : text.split("\n")) {
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String slug = slug(heading.group(1));
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		Matcher html = HTML_ANCHOR.matcher(withoutCodeSpans(text));
		while (html.find()) {
			anchors.add(html.group(2));
		}
		return anchors;
	}

	/**
	 * The anchor GitHub gives a heading: its text in lower case, punctuation other than
	 * {@code -} and {@code _} removed, each space a {@code -}.
	 */
	private static String slug(String heading) {
		String text = HTML_TAG.matcher(HEADING_LINK.matcher(heading).replaceAll("$1")).replaceAll("");
		return NOT_IN_SLUG.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
	}

	private Set<String> documentedProperties() throws IOException {
		Set<String> documented = new LinkedHashSet<>();
		for (String line : read(this.root.resolve(PROPERTIES_PAGE)).split("\n")) {
			Matcher row = PROPERTY_ROW.matcher(line);
			if (row.find()) {
				documented.add(row.group(1));
			}
		}
		return documented;
	}

	private Set<String> configurationProperties() throws IOException {
		assertThat(METADATA).as("written by the configuration processor when the build compiles the library")
			.isRegularFile();
		JsonNode metadata = new JsonMapper().readTree(Files.readString(METADATA));
		Set<String> properties = new LinkedHashSet<>();
		for (JsonNode property : metadata.get("properties")) {
			properties.add(property.get("name").asString());
		}
		assertThat(properties).as("properties in %s", METADATA).isNotEmpty();
		return properties;
	}

	private static String withoutFencedCode(String markdown) {
		StringBuilder text = new StringBuilder();
		String fence = null;
		for (String line : markdown.split("\n", -1)) {
			Matcher opening = FENCE.matcher(line);
			if (fence == null && opening.find()) {
				fence = opening.group(1);
				line = "";
			}
			else if (fence != null) {
				if (closes(line, fence)) {
					fence = null;
				}
				line = "";
			}
			text.append(line).append('\n');
		}
		return text.toString();
	}

	private static boolean closes(String line, String fence) {
		String stripped = line.strip();
		return stripped.length() >= fence.length() && stripped.chars().allMatch((c) -> c == fence.charAt(0));
	}

	private static String withoutCodeSpans(String text) {
		String withoutComments = HTML_COMMENT.matcher(text).replaceAll((match) -> blank(match.group()));
		return CODE_SPAN.matcher(withoutComments).replaceAll((match) -> blank(match.group()));
	}

	private static String blank(String text) {
		return text.replaceAll("[^\\n]", " ");
	}

	private static String unbracketed(String target) {
		return (target.startsWith("<") && target.endsWith(">")) ? target.substring(1, target.length() - 1) : target;
	}

	private static String decoded(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static int lineOf(String text, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file).replace("\r\n", "\n");
	}

	private String name(Path file) {
		return this.root.relativize(file).toString().replace('\\', '/');
	}

	private record Link(int line, String target) {

	}

}
