import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev -w @latchkey/demo` serves the front end with hot reload and sends /api to the demo backend on :3000.
export default defineConfig({
	root: dirname(fileURLToPath(import.meta.url)),
	plugins: [react()],
	server: { port: 5173, proxy: { "/api": "http://127.0.0.1:3000" } },
	build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
});
