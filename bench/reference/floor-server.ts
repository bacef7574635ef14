/**
 * The floor for the benchmark: the cheapest server the same stack allows. Fastify (as Latchkey and the reference use
 * it), JSON body parsing, routing and a JSON reply — and nothing else: no key check, no storage, no WebAuthn. What it
 * answers per second with the same load generator is the most any Fastify server could reach on this machine, and
 * Latchkey's own figures are read against it (bench/README.md, "the floor").
 *
 *   node --import tsx bench/reference/floor-server.ts <port>
 */
import Fastify from "fastify";

const port = Number(process.argv[2]);
const app = Fastify();
app.post("/signin/complete", async () => ({ token: "verify_floor" }));
await app.listen({ port, host: "127.0.0.1" });
process.stdout.write("floor listening\n");
process.on("SIGTERM", () => {
	void app.close().then(() => process.exit(0));
});
