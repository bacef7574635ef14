import { describeStore } from "../conformance.ts";
import { createMemoryStore } from "./memory-store.ts";

describeStore("memory", async () => ({ store: createMemoryStore(), dispose: async () => {} }));
