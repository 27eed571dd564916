// The live page: events arrive over SSE (/events/stream), the rest is read from the sample's
// API and the actuator. Plain JavaScript, no build step.
"use strict";

// EventSource hands a message with "event: posts.created" only to listeners of that exact
// name, so the page listens to every type the sample emits.
const EVENT_TYPES = [
	"authors.created", "authors.updated", "authors.deleted",
	"posts.created", "posts.updated", "posts.deleted", "posts.published",
	"comments.created", "comments.updated", "comments.deleted",
];
const MAX_ROWS = 200;
const REFRESH_MS = 3000;

const state = { me: null, admin: false, rows: new Map() };

const $ = (selector) => document.querySelector(selector);

function el(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (name === "class") {
			element.className = value;
		} else if (name.startsWith("on")) {
			element.addEventListener(name.substring(2), value);
		} else {
			element.setAttribute(name, value === true ? "" : value);
		}
	}
	for (const child of children.flat()) {
		if (child !== undefined && child !== null) {
			element.append(child instanceof Node ? child : document.createTextNode(String(child)));
		}
	}
	return element;
}

function cookie(name) {
	const match = document.cookie.split("; ").find((entry) => entry.startsWith(name + "="));
	return match ? decodeURIComponent(match.substring(name.length + 1)) : null;
}

// Same-origin requests carry the session cookie; writes send the CSRF token back as a header.
// X-Requested-With makes an expired session a plain 401 instead of a browser login dialog.
async function api(method, url, body) {
	const headers = { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" };
	if (method !== "GET") {
		headers["X-XSRF-TOKEN"] = cookie("XSRF-TOKEN") || "";
	}
	if (body !== undefined) {
		headers["Content-Type"] = "application/json";
	}
	const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	if (response.status === 401) {
		window.location.assign("/login");
		throw new Error("Signed out");
	}
	const text = await response.text();
	let json = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch (ignored) {
		// not JSON: an HTML page after a redirect, say
	}
	if (!response.ok) {
		const error = new Error((json && (json.detail || json.error)) || (response.status + " " + response.statusText));
		error.status = response.status;
		throw error;
	}
	return json;
}

function toast(message, error = false) {
	const item = el("div", { class: error ? "toast error" : "toast" }, message);
	$("#toasts").append(item);
	setTimeout(() => item.remove(), 4500);
}

function debounce(fn, ms) {
	let timer = null;
	return () => {
		clearTimeout(timer);
		timer = setTimeout(fn, ms);
	};
}

function time(iso) {
	if (!iso) {
		return "";
	}
	const date = new Date(iso.replace(/(\.\d{3})\d+/, "$1"));
	return date.toLocaleTimeString([], { hour12: false }) + "." + String(date.getMilliseconds()).padStart(3, "0");
}

function action(type) {
	const suffix = type.substring(type.lastIndexOf(".") + 1);
	return ["created", "updated", "deleted"].includes(suffix) ? suffix : "custom";
}

// Live events

function changedFields(event) {
	const changes = event.data && event.data.changes;
	const kind = action(event.eventType);
	if (kind === "updated" && changes) {
		return el("div", { class: "chips" }, changes.updated.map((field) => el("span", { class: "chip" }, field)));
	}
	if (kind === "created" && changes) {
		return el("span", { class: "chip quiet", title: changes.added.join(", ") }, "+ " + changes.added.length + " fields");
	}
	if (kind === "deleted" && changes) {
		return el("span", { class: "chip quiet", title: changes.removed.join(", ") }, "− " + changes.removed.length + " fields");
	}
	const payload = event.data && typeof event.data === "object" ? Object.keys(event.data) : [];
	return el("div", { class: "chips", title: "payload of a custom event" },
		payload.length ? payload.map((key) => el("span", { class: "chip quiet" }, key)) : el("span", { class: "chip quiet" }, "payload"));
}

function eventRow(event, fresh) {
	const user = event.sessionVariables || {};
	const row = el("tr", {
		class: fresh ? "event fresh" : "event",
		"data-id": event.id,
		"data-type": event.eventType,
		"data-resource-id": event.resourceId,
	},
		el("td", { class: "id" }, event.id),
		el("td", { class: "time", title: event.createdAt }, time(event.createdAt)),
		el("td", {}, el("span", { class: "badge " + action(event.eventType) }, event.eventType)),
		el("td", { class: "resource" }, event.resourceName || "–"),
		el("td", { class: "resource-id mono" }, event.resourceId || "–"),
		el("td", { class: "user" }, user.userId || el("span", { class: "muted" }, "system"),
			user.role ? el("span", { class: "role" }, " · " + user.role) : null),
		el("td", { class: "changes" }, changedFields(event)));
	row.addEventListener("click", () => {
		const next = row.nextElementSibling;
		if (next && next.classList.contains("detail")) {
			next.remove();
		} else {
			row.after(el("tr", { class: "detail" }, el("td", { colspan: 7 }, el("pre", {}, JSON.stringify(event, null, 2)))));
		}
	});
	return row;
}

function addEvent(event, fresh) {
	if (state.rows.has(event.id)) {
		return;
	}
	const row = eventRow(event, fresh);
	state.rows.set(event.id, row);
	const body = $("#events tbody");
	const later = [...body.querySelectorAll("tr.event")].find((other) => Number(other.dataset.id) < event.id);
	body.insertBefore(row, later || null);
	while (state.rows.size > MAX_ROWS) {
		const oldest = Math.min(...state.rows.keys());
		const stale = state.rows.get(oldest);
		if (stale.nextElementSibling && stale.nextElementSibling.classList.contains("detail")) {
			stale.nextElementSibling.remove();
		}
		stale.remove();
		state.rows.delete(oldest);
	}
	$("#events-empty").classList.toggle("hidden", state.rows.size > 0);
}

// The stream is opened before the latest events are read, so nothing falls between the
// two; rows are keyed by _events.id, so nothing shows twice. On a dropped connection the
// browser reconnects with Last-Event-ID and the stream resumes where it stopped.
function connect() {
	const status = $("#stream-status");
	const source = new EventSource("/events/stream");
	source.addEventListener("open", () => {
		status.className = "pill live";
		status.textContent = "live";
	});
	source.addEventListener("error", () => {
		status.className = "pill connecting";
		status.textContent = "reconnecting…";
	});
	for (const type of EVENT_TYPES) {
		source.addEventListener(type, (message) => {
			const event = JSON.parse(message.data);
			addEvent(event, true);
			refreshSoon();
		});
	}
	return api("GET", "/api/events?limit=50").then((events) => events.forEach((event) => addEvent(event, false)));
}

const refreshSoon = debounce(() => {
	loadPosts();
	loadAudit();
	loadWebhooks();
	loadBacklog();
}, 400);


// Posts

async function loadPosts() {
	const posts = await api("GET", "/api/posts");
	const list = $("#posts");
	list.replaceChildren(...posts.map((post) => el("li", { "data-post-id": post.id },
		el("div", {},
			el("div", { class: "title" }, post.title),
			el("div", { class: "meta" }, "#" + post.id + " · /" + post.slug + " · " + post.author.name
				+ (post.tags.length ? " · " + post.tags.join(", ") : ""))),
		el("div", { class: "actions" },
			el("span", { class: "badge " + post.status.toLowerCase() }, post.status.toLowerCase()),
			el("button", {
				class: "small", type: "button", "data-action": "publish", "data-post-id": post.id,
				disabled: post.status === "PUBLISHED", onclick: () => publish(post),
			}, "Publish"),
			el("button", {
				class: "small", type: "button", "data-action": "rename", "data-post-id": post.id,
				onclick: () => rename(post),
			}, "Rename"),
			el("button", {
				class: "small danger", type: "button", "data-action": "delete", "data-post-id": post.id,
				onclick: () => remove(post),
			}, "Delete")))));
	$("#posts-count").textContent = posts.length ? posts.length + (posts.length === 1 ? " post" : " posts") : "";
	$("#posts-empty").classList.toggle("hidden", posts.length > 0);
}

async function create(submit) {
	submit.preventDefault();
	const title = $("#create-title").value.trim();
	const tags = $("#create-tags").value.split(",").map((tag) => tag.trim().toLowerCase()).filter((tag) => tag);
	try {
		const post = await api("POST", "/api/posts", { title, body: "Written on the live page.", tags });
		toast("Created post #" + post.id + " “" + post.title + "”");
		$("#create-form").reset();
		loadPosts();
	} catch (error) {
		toast(error.message, true);
	}
}

async function publish(post) {
	try {
		await api("POST", "/api/posts/" + post.id + "/publish");
		toast("Published post #" + post.id);
		loadPosts();
	} catch (error) {
		toast(error.message, true);
	}
}

async function rename(post) {
	const title = window.prompt("New title for post #" + post.id, post.title);
	if (!title || title === post.title) {
		return;
	}
	try {
		await api("PUT", "/api/posts/" + post.id, { title, slug: post.slug, body: post.body, tags: post.tags });
		toast("Renamed post #" + post.id);
		loadPosts();
	} catch (error) {
		toast(error.message, true);
	}
}

async function remove(post) {
	try {
		await api("DELETE", "/api/posts/" + post.id);
		toast("Deleted post #" + post.id);
		loadPosts();
	} catch (error) {
		toast(error.message, true);
	}
}

// Backlog and dead deliveries (admins only: /actuator/events answers 403 for editors)

function stat(id, value, alert) {
	const card = $("#stat-" + id);
	card.querySelector(".value").textContent = value;
	card.classList.toggle("alert", Boolean(alert));
}

async function loadBacklog() {
	if (!state.admin) {
		return;
	}
	try {
		const summary = await api("GET", "/actuator/events");
		stat("undispatched", summary.undispatched);
		stat("pending", summary.deliveries.pending);
		stat("failed", summary.deliveries.failed, summary.deliveries.failed > 0);
		stat("dead", summary.deliveries.dead, summary.deliveries.dead > 0);
		$("#stats-note").textContent = "GET /actuator/events, every 3 s · updated " + new Date().toLocaleTimeString([], { hour12: false });
		const dead = await api("GET", "/actuator/events/dead?limit=20");
		$("#dead").replaceChildren(...dead.deliveries.map((delivery) => el("li", { "data-event-id": delivery.eventId },
			el("div", { class: "row" },
				el("div", {},
					el("span", { class: "badge " + action(delivery.eventType) }, delivery.eventType),
					" → ", el("strong", {}, delivery.subscriber)),
				el("button", {
					class: "small", type: "button", "data-action": "retry", "data-event-id": delivery.eventId,
					onclick: () => retry(delivery.eventId),
				}, "Retry")),
			el("div", { class: "error" }, delivery.lastError),
			el("div", { class: "muted" }, delivery.attempts + " attempts · last " + time(delivery.lastAttemptAt)))));
		$("#dead-empty").classList.toggle("hidden", dead.deliveries.length > 0);
	} catch (error) {
		$("#stats-note").textContent = "GET /actuator/events failed: " + error.message;
	}
}

async function retry(eventId) {
	try {
		const result = await api("POST", "/actuator/events/" + eventId);
		toast("Retrying " + result.deliveries + " deliveries of " + eventId.substring(0, 13) + "…");
		setTimeout(loadBacklog, 500);
	} catch (error) {
		toast(error.message, true);
	}
}

// Audit log and webhook receiver

function fieldChips(fields) {
	if (!fields) {
		return el("span", { class: "muted" }, "–");
	}
	return el("div", { class: "chips" }, fields.map((field) => el("span", { class: "chip" }, field)));
}

async function loadAudit() {
	const entries = await api("GET", "/api/audit?limit=30");
	$("#audit tbody").replaceChildren(...entries.map((entry) => el("tr", { "data-event-id": entry.eventId },
		el("td", { class: "time", title: entry.occurredAt }, time(entry.occurredAt)),
		el("td", {}, entry.action),
		el("td", {}, el("span", { class: "badge " + action(entry.eventType) }, entry.eventType)),
		el("td", { class: "mono" }, entry.resourceName ? entry.resourceName + "/" + entry.resourceId : "–"),
		el("td", {}, entry.userId || el("span", { class: "muted" }, "system")),
		el("td", {}, entry.role || ""),
		el("td", { class: "mono" }, entry.ip || ""),
		el("td", {}, fieldChips(entry.changedFields)))));
	$("#audit-empty").classList.toggle("hidden", entries.length > 0);
}

async function loadWebhooks() {
	const deliveries = (await api("GET", "/demo/webhook-receiver")).slice(0, 6);
	$("#webhooks").replaceChildren(...deliveries.map((delivery) => el("li", {},
		el("span", {}, el("span", { class: "ok" }, "✓ "), el("span", { class: "mono" }, delivery.eventType),
			delivery.resourceId ? " #" + delivery.resourceId : ""),
		el("span", { class: "muted" }, time(delivery.receivedAt)))));
	$("#webhooks-empty").classList.toggle("hidden", deliveries.length > 0);
}

async function signOut() {
	try {
		await api("POST", "/logout");
	} finally {
		window.location.assign("/login?logout");
	}
}

async function start() {
	state.me = await api("GET", "/api/me");
	state.admin = state.me.roles.includes("ADMIN");
	$("#user").replaceChildren(state.me.username, el("span", { class: "role" }, state.me.roles.join(", ")));
	$("#dead-card").classList.toggle("hidden", !state.admin);
	if (!state.admin) {
		$("#stats-note").textContent = "Only admins may read /actuator/events: sign in as admin to see the backlog.";
	}
	$("#create-form").addEventListener("submit", create);
	$("#sign-out").addEventListener("click", signOut);
	await connect();
	await Promise.allSettled([loadPosts(), loadAudit(), loadWebhooks(), loadBacklog()]);
	setInterval(() => {
		loadBacklog();
		loadAudit().catch(() => {});
		loadWebhooks().catch(() => {});
	}, REFRESH_MS);
	document.body.dataset.ready = "true";
}

start().catch((error) => toast(error.message, true));
