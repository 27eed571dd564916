// The event-starter operator console: one page, hash routes, a small JSON API under ./api/.
// No framework and no build step. Everything shown is built with el() as text nodes and
// attributes, never as HTML, so event data cannot inject markup.

let settings = { traceUrl: null, stream: null, writeHeader: "X-Events-Console" };
let csrf = null;
let stopCurrent = () => {};

const main = document.getElementById("main");

// ---- DOM and formatting helpers

function el(tag, attributes, ...children) {
	const node = tag === "svg" || tag === "rect" || tag === "title"
		? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
	for (const [name, value] of Object.entries(attributes || {})) {
		if (value === null || value === undefined || value === false) {
			continue;
		}
		if (name.startsWith("on")) {
			node.addEventListener(name.substring(2), value);
		}
		else {
			node.setAttribute(name === "className" ? "class" : name, value === true ? "" : String(value));
		}
	}
	for (const child of children.flat()) {
		if (child !== null && child !== undefined) {
			node.append(child instanceof Node ? child : String(child));
		}
	}
	return node;
}

function table(headings, rows, empty) {
	if (rows.length === 0) {
		return el("p", { className: "muted" }, empty);
	}
	return el("table", {}, el("thead", {}, el("tr", {}, headings.map((heading) => el("th", {}, heading)))),
		el("tbody", {}, rows));
}

function cells(...values) {
	return values.map((value) => value instanceof Node ? el("td", {}, value) : el("td", {}, value ?? ""));
}

function time(instant) {
	return instant ? new Date(instant).toISOString().replace("T", " ").replace("Z", " UTC") : "";
}

function duration(millis) {
	const seconds = Math.round(millis / 1000);
	if (seconds < 60) return seconds + " s";
	if (seconds < 3600) return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s";
	if (seconds < 86400) return Math.floor(seconds / 3600) + " h " + Math.floor(seconds % 3600 / 60) + " min";
	return Math.floor(seconds / 86400) + " d " + Math.floor(seconds % 86400 / 3600) + " h";
}

function show(value) {
	if (value === undefined) return "";
	return typeof value === "string" ? value : JSON.stringify(value);
}

function hash(path, params) {
	const query = new URLSearchParams(Object.entries(params || {}).filter(([, value]) => value)).toString();
	return "#" + path + (query ? "?" + query : "");
}

function eventLink(eventId, text) {
	return el("a", { href: "#/events/" + encodeURIComponent(eventId) }, text ?? eventId.substring(0, 8) + "…");
}

function resourceLink(name, id) {
	if (!name) return "";
	if (id === null || id === undefined) return name;
	return el("a", { href: "#/resources/" + encodeURIComponent(name) + "/" + encodeURIComponent(id) }, name + "/" + id);
}

// main.append() would show null as the text "null": screens pass null for what they leave out
function put(...nodes) {
	main.append(...nodes.filter((node) => node !== null && node !== undefined));
}

function plural(count, one, many) {
	return count + " " + (count === 1 ? one : many);
}

function message(text, className) {
	return el("p", { className: "message " + (className || "") }, text);
}

// ---- the API

async function answer(response) {
	const body = await response.json().catch(() => null);
	if (!response.ok || body === null) {
		throw new Error(body && body.error ? body.error : "The console API answered " + response.status
			+ (response.status === 401 || response.status === 403 ? ": sign in with a user allowed to operate events" : ""));
	}
	return body;
}

async function get(path, params) {
	const query = new URLSearchParams(Object.entries(params || {}).filter(([, value]) => value)).toString();
	return answer(await fetch("api/" + path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } }));
}

// Writes carry the console's header (a cross-site form cannot send one) and, with Spring
// Security, the CSRF token: the XSRF-TOKEN cookie when the application uses one, else the
// token Spring Security put on the request.
async function post(path, params) {
	if (csrf === null) {
		csrf = await get("csrf");
	}
	const headers = { Accept: "application/json", [settings.writeHeader]: "1" };
	const cookie = document.cookie.split("; ").find((each) => each.startsWith("XSRF-TOKEN="));
	if (cookie) {
		headers["X-XSRF-TOKEN"] = decodeURIComponent(cookie.substring("XSRF-TOKEN=".length));
	}
	else if (csrf.headerName) {
		headers[csrf.headerName] = csrf.token;
	}
	const query = new URLSearchParams(Object.entries(params || {}).filter(([, value]) => value)).toString();
	return answer(await fetch("api/" + path + (query ? "?" + query : ""), { method: "POST", headers }));
}

// Ask before a write: a bar with the question, "Yes" runs the action, "Cancel" removes it.
function confirmThen(container, question, label, action) {
	container.querySelector(".confirm")?.remove();
	const bar = el("div", { className: "confirm" }, question,
		el("button", { className: "danger", "data-action": "confirm", onclick: async () => {
			bar.replaceChildren("Working…");
			try {
				bar.replaceWith(message(await action(), "ok"));
			}
			catch (error) {
				bar.replaceWith(message(error.message, "error"));
			}
		} }, label),
		el("button", { onclick: () => bar.remove() }, "Cancel"));
	container.prepend(bar);
}

// ---- screens

async function overview() {
	const data = await get("overview");
	const d = data.deliveries;
	const card = (title, value, note, href) => el("div", { className: "card", "data-card": title.toLowerCase() },
		el("div", { className: "muted" }, title),
		el("div", { className: "value" }, href ? el("a", { href }, value) : value),
		note ? el("div", { className: "note" }, note) : null);
	const oldest = data.oldestUndispatchedAt;
	put(el("h1", {}, "Overview"),
		el("div", { className: "cards" },
			card("Undispatched", data.undispatched,
				oldest ? "oldest " + duration(Date.parse(data.at) - Date.parse(oldest)) + " old" : "nothing waiting",
				hash("/search", { undispatched: "true", order: "oldest" })),
			card("Pending", d.pending, "waiting behind an earlier event or a shutdown"),
			card("Failed", d.failed, "retried with backoff", hash("/deliveries", { status: "FAILED" })),
			card("Dead", d.dead, "out of attempts", hash("/deliveries", { status: "DEAD" }))),
		el("h2", {}, "Events per minute, last hour"), chart(data.eventsPerMinute),
		el("h2", {}, "Subscribers with deliveries waiting or dead"),
		table(["Subscriber", "Lag", "Pending", "Failed", "Dead"], data.subscribers.map((s) =>
			el("tr", { "data-subscriber": s.subscriber },
				cells(el("a", { href: hash("/deliveries", { subscriber: s.subscriber }) }, s.subscriber),
					s.lagMillis > 0 ? duration(s.lagMillis) : "-", s.pending, s.failed, s.dead))),
		"None: every delivery succeeded (first-attempt successes leave no row)."));
}

function chart(perMinute) {
	const counts = perMinute.counts;
	const max = Math.max(1, ...counts);
	const total = counts.reduce((sum, count) => sum + count, 0);
	const from = Date.parse(perMinute.from);
	// one unit per minute across, one per event up: the CSS stretches it to the box
	return el("div", { className: "chart" },
		el("div", { className: "muted" }, "max " + max + " per minute"),
		el("svg", { viewBox: `0 0 ${counts.length} ${max}`, preserveAspectRatio: "none", role: "img",
			"aria-label": total + " events in the last hour" },
			counts.map((count, i) => el("rect", { x: i + 0.1, width: 0.8, y: max - count, height: count },
				el("title", {}, time(new Date(from + i * 60000).toISOString()) + ": " + count)))),
		el("div", { className: "axis muted" }, el("span", {}, "60 min ago"),
			el("span", {}, total + " events in the last hour"), el("span", {}, "now")));
}

async function deliveries(params) {
	const filter = { status: params.get("status") || "DEAD,FAILED", subscriber: params.get("subscriber"),
		type: params.get("type") };
	const form = el("form", { className: "filters", onsubmit: (e) => {
		e.preventDefault();
		const f = new FormData(form);
		location.hash = hash("/deliveries", { status: f.get("status"), subscriber: f.get("subscriber"), type: f.get("type") });
	} },
		el("label", {}, "Status", el("select", { name: "status" },
			["DEAD,FAILED", "DEAD", "FAILED", "PENDING"].map((s) => el("option", { value: s, selected: s === filter.status }, s)))),
		el("label", {}, "Subscriber", el("input", { name: "subscriber", value: filter.subscriber || "" })),
		el("label", {}, "Event type", el("input", { name: "type", value: filter.type || "", placeholder: "posts.*" })),
		el("button", { className: "primary" }, "Filter"));
	const page = await get("deliveries", { ...filter, before: params.get("before") });
	const actions = el("div", {});
	const retryAll = page.total > 0 ? el("button", { className: "danger", id: "retry-all", onclick: () =>
		confirmThen(actions, `Retry every event with a delivery matching this filter (${plural(page.total, "delivery", "deliveries")})? `,
			"Yes, retry all", async () => {
				const done = await post("deliveries/retry", filter);
				return `Retried ${plural(done.events, "event", "events")}: ${plural(done.deliveries, "delivery", "deliveries")} scheduled now`
					+ (done.more ? " (more remain: retry again)" : "") + ".";
			}) }, `Retry all ${page.total} matching`) : null;
	const rows = page.deliveries.map((d) => {
		const state = el("td", { className: "status-" + d.status }, d.status);
		return el("tr", { "data-event-id": d.eventId, "data-subscriber": d.subscriber },
			cells(eventLink(d.eventId), d.eventType, resourceLink(d.resourceName, d.resourceId), d.subscriber), state,
			el("td", { className: "num" }, d.attempts), cells(time(d.lastAttemptAt)),
			el("td", {}, el("pre", {}, d.lastError ?? "")),
			el("td", {}, el("button", { "data-action": "retry", onclick: () =>
				confirmThen(actions, `Retry event ${d.eventId} now (${d.eventType}, for ${d.subscriber})? `, "Yes, retry",
					async () => {
						const done = await post("events/" + encodeURIComponent(d.eventId) + "/retry");
						state.textContent = "RETRIED";
						state.className = "status-retried";
						return `Event ${done.eventId}: ${plural(done.deliveries, "delivery", "deliveries")} scheduled now.`;
					}) }, "Retry")));
	});
	put(el("h1", {}, "Dead and failing deliveries"), form, actions,
		el("p", {}, page.total + " matching ", retryAll),
		table(["Event", "Type", "Resource", "Subscriber", "Status", "Attempts", "Last attempt", "Last error", ""], rows,
			"No delivery matches."),
		page.next ? el("p", { className: "pager" }, el("a", { href: hash("/deliveries", { ...filter, before: page.next }) },
			"Older deliveries →")) : null);
}

const SEARCH_FIELDS = [["type", "Type", "posts.*"], ["resourceName", "Resource", "posts"], ["resourceId", "Id", ""],
	["user", "User", ""], ["tenant", "Tenant", ""], ["transactionId", "Transaction id", ""],
	["since", "From", "2026-01-01T00:00:00Z"], ["until", "Until", "2026-12-31T00:00:00Z"]];

async function search(params) {
	const form = el("form", { className: "filters", id: "search-form", onsubmit: (e) => {
		e.preventDefault();
		const f = new FormData(form);
		const query = Object.fromEntries(SEARCH_FIELDS.map(([name]) => [name, f.get(name).trim()]));
		query.undispatched = f.get("undispatched") ? "true" : "";
		query.order = f.get("order");
		location.hash = hash("/search", query);
	} },
		SEARCH_FIELDS.map(([name, label, placeholder]) => el("label", {}, label,
			el("input", { name, value: params.get(name) || "", placeholder }))),
		el("label", {}, "Undispatched only", el("input", { type: "checkbox", name: "undispatched",
			checked: params.get("undispatched") === "true" })),
		el("label", {}, "Order", el("select", { name: "order" },
			el("option", { value: "newest", selected: params.get("order") !== "oldest" }, "newest first"),
			el("option", { value: "oldest", selected: params.get("order") === "oldest" }, "oldest first"))),
		el("button", { className: "primary" }, "Search"));
	put(el("h1", {}, "Search events"), form);
	const query = Object.fromEntries(params);
	const page = await get("events", query);
	put(eventTable(page.events, "No event matches."),
		page.next !== null ? el("p", { className: "pager" },
			el("a", { href: hash("/search", { ...query, cursor: page.next }) }, "Next page →")) : null);
}

function changedFields(event) {
	const c = event.data && event.data.changes;
	return c ? [...(c.added || []), ...(c.updated || []), ...(c.removed || [])] : [];
}

function isCrud(event) {
	return event.data && typeof event.data === "object" && "changes" in event.data && "old" in event.data;
}

function eventRow(event) {
	return el("tr", { "data-event-id": event.eventId, "data-type": event.eventType,
		"data-resource-id": event.resourceId ?? "" },
		cells(time(event.createdAt), eventLink(event.eventId, event.eventType),
			resourceLink(event.resourceName, event.resourceId), event.sessionVariables?.userId ?? "",
			isCrud(event) ? (event.data.changes.updated || []).join(", ") : "", event.tenant ?? "",
			event.dispatchedAt ? "yes" : el("span", { className: "status-FAILED" }, "not yet")));
}

function eventTable(events, empty) {
	return table(["Created", "Type", "Resource", "User", "Updated fields", "Tenant", "Dispatched"],
		events.map(eventRow), empty);
}

async function eventDetail(eventId) {
	const { event, deliveries } = await get("events/" + encodeURIComponent(eventId));
	const keyValues = (object) => table(["Name", "Value"], Object.entries(object || {}).map(([key, value]) =>
		el("tr", { "data-key": key }, cells(key, show(value)))), "None.");
	const envelope = {
		id: event.id, eventId: event.eventId, eventType: event.eventType, createdAt: time(event.createdAt),
		dispatchedAt: event.dispatchedAt ? time(event.dispatchedAt) : "not yet", tenant: event.tenant,
		source: event.source, priority: event.priority, transactionId: event.transactionId,
	};
	const retryOutput = el("div", {});
	put(el("h1", {}, event.eventType, " ", el("span", { className: "muted mono" }, event.eventId)),
		el("p", {}, "Resource: ", resourceLink(event.resourceName, event.resourceId) || "none", " · ",
			el("a", { href: hash("/search", { transactionId: event.transactionId, order: "oldest" }) },
				"everything its transaction wrote")),
		el("div", { className: "grid2" },
			el("section", {}, el("h2", {}, "Envelope"), keyValues(envelope)),
			el("section", {}, el("h2", {}, "Session variables"), keyValues(event.sessionVariables),
				el("h2", {}, "Trace"), traceTable(event.traceContext))),
		el("h2", {}, isCrud(event) ? "Changes" : "Payload"),
		isCrud(event) ? diff(event) : el("pre", {}, JSON.stringify(event.data, null, 2)),
		el("h2", {}, "Deliveries"), retryOutput,
		el("p", {}, el("button", { "data-action": "retry-event", onclick: () =>
			confirmThen(retryOutput, "Retry this event's dead and failed deliveries now (and its dispatch, if it waits)? ",
				"Yes, retry", async () => {
					const done = await post("events/" + encodeURIComponent(event.eventId) + "/retry");
					return plural(done.deliveries, "delivery", "deliveries") + " scheduled now" + (done.undispatched ? "; dispatch made due now." : ".");
				}) }, "Retry this event"), " ",
			el("button", { onclick: route }, "Refresh")),
		table(["Subscriber", "Status", "Attempts", "Last attempt", "Next attempt", "Last error"],
			deliveries.map((d) => el("tr", { "data-subscriber": d.subscriber },
				cells(d.subscriber), el("td", { className: "status-" + d.status }, d.status),
				cells(d.attempts, time(d.lastAttemptAt), time(d.nextAttemptAt)), el("td", {}, el("pre", {}, d.lastError ?? "")))),
			event.dispatchedAt ? "Every subscriber received it on the first attempt (those leave no delivery row)."
				: "Not dispatched yet."));
}

function traceTable(trace) {
	if (!trace) return el("p", { className: "muted" }, "None.");
	return table(["Name", "Value"], Object.entries(trace).map(([key, value]) => {
		const linked = key === "traceId" && value && settings.traceUrl
			? el("a", { href: settings.traceUrl.replaceAll("{traceId}", encodeURIComponent(value)), target: "_blank",
				rel: "noopener noreferrer", id: "trace-link" }, value) : show(value);
		return el("tr", { "data-key": key }, cells(key, linked));
	}), "None.");
}

function diff(event) {
	const old = event.data.old || {};
	const now = event.data.new || {};
	const changed = new Set(changedFields(event));
	const fields = [...new Set([...Object.keys(old), ...Object.keys(now)])];
	return el("table", { id: "diff" },
		el("thead", {}, el("tr", {}, el("th", {}, "Field"), el("th", {}, "Old"), el("th", {}, "New"))),
		el("tbody", {}, fields.map((field) => el("tr", { "data-field": field, className: changed.has(field) ? "changed" : null },
			cells(field, event.data.old ? show(old[field]) : "", event.data.new ? show(now[field]) : "")))));
}

async function timeline(name, id) {
	const stateOutput = el("div", { id: "state" });
	const at = el("input", { name: "at", value: new Date().toISOString(), size: 28, "aria-label": "state at" });
	const showState = async () => {
		const answer = await get("state", { resourceName: name, resourceId: id, at: at.value.trim() });
		stateOutput.replaceChildren(answer.state
			? table(["Field", "Value"], Object.entries(answer.state).map(([key, value]) =>
				el("tr", { "data-field": key }, cells(key, show(value)))), "")
			: message("No state at " + time(answer.at) + ": not created yet, or deleted.", "muted"));
	};
	put(el("h1", {}, "Timeline of " + name + "/" + id));
	const page = await get("events", { resourceName: name, resourceId: id, order: "oldest", limit: 500 });
	const rows = page.events.map((event) => {
		const row = eventRow(event);
		row.append(el("td", {}, el("button", { onclick: () => { at.value = event.createdAt; showState(); } }, "State after")));
		return row;
	});
	put(page.events.length ? el("table", {}, el("thead", {}, el("tr", {},
		["Created", "Type", "Resource", "User", "Updated fields", "Tenant", "Dispatched", ""].map((h) => el("th", {}, h)))),
	el("tbody", {}, rows)) : message("No event for this resource.", "muted"),
	page.next !== null ? message("Showing the first 500 events.", "muted") : null,
	el("h2", {}, "State at a point in time"),
	el("form", { className: "filters", onsubmit: (e) => { e.preventDefault(); showState().catch(fail); } },
		el("label", {}, "At (ISO-8601)", at), el("button", { className: "primary" }, "Show state")),
	stateOutput);
}

// The SSE stream is read with fetch() rather than EventSource: EventSource hands a message
// whose "event:" is posts.created only to listeners of that exact name, and the console
// does not know the application's types. A dropped connection resumes with Last-Event-ID.
function liveTail(params) {
	put(el("h1", {}, "Live tail"));
	if (!settings.stream) {
		put(message("The live tail follows the SSE stream, which is off in this application: "
			+ "set events.sse.enabled=true to use it.", "error"), el("span", { id: "tail-status", className: "pill" }, "off"));
		return;
	}
	const types = params.get("types") || "";
	const status = el("span", { id: "tail-status", className: "pill" }, "connecting…");
	const body = el("tbody", { id: "tail" });
	const form = el("form", { className: "filters", onsubmit: (e) => {
		e.preventDefault();
		location.hash = hash("/tail", { types: new FormData(form).get("types").trim() });
	} }, el("label", {}, "Types", el("input", { name: "types", value: types, placeholder: "posts.*,comments.*" })),
		el("button", { className: "primary" }, "Follow"), status);
	put(form, el("table", {}, el("thead", {}, el("tr", {},
		["Created", "Type", "Resource", "User", "Updated fields", "Tenant", "Dispatched"].map((h) => el("th", {}, h)))), body));
	const controller = new AbortController();
	let lastId = null;
	let stopped = false;
	stopCurrent = () => { stopped = true; controller.abort(); };
	const url = settings.stream + (types ? "?types=" + encodeURIComponent(types) : "");
	(async () => {
		while (!stopped) {
			try {
				const headers = { Accept: "text/event-stream" };
				if (lastId) headers["Last-Event-ID"] = lastId;
				const response = await fetch(url, { headers, signal: controller.signal });
				if (!response.ok) throw new Error("the stream answered " + response.status);
				status.textContent = "live";
				status.className = "pill live";
				const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
				let buffer = "";
				for (;;) {
					const { value, done } = await reader.read();
					if (done) break;
					buffer += value;
					let end;
					while ((end = buffer.indexOf("\n\n")) >= 0) {
						const frame = buffer.substring(0, end);
						buffer = buffer.substring(end + 2);
						const data = frame.split("\n").filter((line) => line.startsWith("data:"))
							.map((line) => line.substring(5).replace(/^ /, "")).join("\n");
						const id = frame.split("\n").find((line) => line.startsWith("id:"));
						if (id) lastId = id.substring(3).trim();
						if (data) {
							body.prepend(eventRow(JSON.parse(data)));
							while (body.children.length > 500) body.lastChild.remove();
						}
					}
				}
			}
			catch (error) {
				if (stopped) return;
				status.textContent = "reconnecting… (" + error.message + ")";
			}
			status.className = "pill";
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	})();
}

// ---- routing

function fail(error) {
	put(message(error.message, "error"));
}

function route() {
	stopCurrent();
	stopCurrent = () => {};
	const [path, query] = location.hash.substring(1).split("?");
	const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
	const params = new URLSearchParams(query || "");
	for (const link of document.querySelectorAll("nav a")) {
		link.classList.toggle("active", link.dataset.screen === (parts[0] || "overview"));
	}
	main.replaceChildren();
	document.body.dataset.ready = "false";
	document.body.dataset.screen = parts[0] || "overview";
	const screens = {
		deliveries: () => deliveries(params),
		search: () => search(params),
		events: () => eventDetail(parts[1]),
		resources: () => timeline(parts[1], parts.slice(2).join("/")),
		tail: () => liveTail(params),
	};
	Promise.resolve((screens[parts[0]] || overview)()).catch(fail)
		.finally(() => { document.body.dataset.ready = "true"; });
}

document.getElementById("resource-form").addEventListener("submit", (e) => {
	e.preventDefault();
	const f = new FormData(e.target);
	location.hash = "#/resources/" + encodeURIComponent(f.get("name").trim()) + "/" + encodeURIComponent(f.get("id").trim());
});
window.addEventListener("hashchange", route);
get("settings").then((loaded) => { settings = loaded; }).catch(fail).finally(route);
