package dev.eventstarter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the JVM's threads, the JIT's and the collector's included, from
 * {@code /proc/self/task}: which part of the JVM's CPU per transaction the writers, the
 * compiler and each of the starter's threads spent. Empty where there is no such file.
 */
final class ThreadCpu {

	private final Map<String, Long> ticksByThread;

	private ThreadCpu(Map<String, Long> ticksByThread) {
		this.ticksByThread = ticksByThread;
	}

	static ThreadCpu now() {
		Map<String, Long> ticks = new HashMap<>();
		try (var tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					ticks.put(task.getFileName() + " " + stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
							Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
				}
				catch (Exception ex) {
					// the thread ended
				}
			}
		}
		catch (Exception ex) {
			// not Linux
		}
		return new ThreadCpu(ticks);
	}

	/**
	 * CPU microseconds per transaction since the start, by thread name without its number
	 * (the kernel keeps 15 characters of it). Threads that ended meanwhile, the writers'
	 * among them, are missing: the JVM's total minus these is theirs.
	 */
	Map<String, Object> since(ThreadCpu start, long transactions) {
		Map<String, Long> ticksByGroup = new TreeMap<>();
		this.ticksByThread.forEach((thread, ticks) -> {
			long spent = ticks - start.ticksByThread.getOrDefault(thread, 0L);
			if (spent > 0) {
				String group = thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9#-]+$", "");
				ticksByGroup.merge(group, spent, Long::sum);
			}
		});
		Map<String, Object> perTransaction = new TreeMap<>();
		ticksByGroup.forEach((group, ticks) -> perTransaction.put(group,
				Usage.round(ticks * 1e6 / ServerCpu.TICKS_PER_SECOND / transactions)));
		return perTransaction;
	}

}
