import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Wire tests start HTTP fakes and real SDK clients: give them room, never a timed assertion.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
