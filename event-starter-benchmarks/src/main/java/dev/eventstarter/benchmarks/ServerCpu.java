package dev.eventstarter.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU a database server spent, read from {@code /proc} for every process of its
 * command, children it reaped included, so that processes that came and went are counted.
 */
final class ServerCpu {

	static final long TICKS_PER_SECOND = 100;

	private ServerCpu() {
	}

	/**
	 * The clock ticks of every process of a command.
	 * @param command the command as {@code /proc/<pid>/stat} names it, such as
	 * {@code postgres}
	 * @return the ticks, or -1 when not on Linux
	 */
	static long ticks(String command) {
		String name = "(" + command + ")";
		long ticks = 0;
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				ticks += ticks(process.resolve("stat"), name);
			}
		}
		catch (IOException ex) {
			return -1; // not Linux: reported as unknown
		}
		return ticks;
	}

	/**
	 * The clock ticks of every process whose command line holds a fragment, such as the
	 * benchmark's Kafka broker JVM or RabbitMQ's {@code beam.smp}.
	 * @param fragment part of {@code /proc/<pid>/cmdline}
	 * @return the ticks, or -1 when not on Linux
	 */
	static long ticksOfCommandLine(String fragment) {
		long ticks = 0;
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				try {
					if (Files.readString(process.resolve("cmdline")).contains(fragment)) {
						ticks += ticks(process.resolve("stat"), "");
					}
				}
				catch (IOException | RuntimeException ex) {
					// the process ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			return -1;
		}
		return ticks;
	}

	private static long ticks(Path stat, String name) {
		try {
			String line = Files.readString(stat);
			if (!line.contains(name)) {
				return 0;
			}
			// after the command: state is field 3, utime, stime, cutime, cstime are 14 to
			// 17
			String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
					+ Long.parseLong(fields[14]);
		}
		catch (IOException | RuntimeException ex) {
			return 0; // the process ended meanwhile
		}
	}

}
