import type { FastifyInstance } from "fastify";

interface OpenApiOperation {
	summary?: string;
	tags?: string[];
	security?: Record<string, string[]>[];
	responses?: Record<string, unknown>;
}

const escapeHtml = (text: string): string =>
	text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Renders the OpenAPI document as a plain HTML page (no scripts, so it passes a strict CSP). */
function renderDocs(spec: { info: { title: string; version: string }; paths: Record<string, Record<string, OpenApiOperation>> }): string {
	const rows = Object.entries(spec.paths)
		.flatMap(([path, methods]) =>
			Object.entries(methods).map(([method, op]) => {
				const auth = op.security?.map((s) => Object.keys(s).join(" + ")).join(" or ") || "none";
				const statuses = Object.keys(op.responses ?? {}).join(", ");
				return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(
					(op.tags ?? []).join(", "),
				)}</td><td>${escapeHtml(auth)}</td><td>${escapeHtml(op.summary ?? "")}</td><td>${statuses}</td></tr>`;
			}),
		)
		.join("\n");
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(spec.info.title)} API</title></head>
<body><h1>${escapeHtml(spec.info.title)} ${escapeHtml(spec.info.version)}</h1>
<p>The machine-readable OpenAPI 3.1 document: <a href="/openapi.json">/openapi.json</a>. Error codes: every error is an
<code>application/problem+json</code> body with a stable <code>errorCode</code>.</p>
<table border="1" cellpadding="4"><thead><tr><th>Method</th><th>Path</th><th>Group</th><th>Key</th><th>What</th><th>Answers</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
}

/** GET /openapi.json (generated from the route schemas) and GET /docs (the same, as a page). */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
	app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
	app.get("/docs", { schema: { hide: true } }, async (_request, reply) =>
		reply.type("text/html; charset=utf-8").send(renderDocs(app.swagger() as unknown as Parameters<typeof renderDocs>[0])),
	);
}
