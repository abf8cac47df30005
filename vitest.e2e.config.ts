import {defineConfig} from "vitest/config";

// End-to-end tests: headless Chromium against the built site in dist/, served on loopback.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
    setupFiles: ["test/support/setup-shared-data.ts"]
  }
});
