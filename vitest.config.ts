import {defineConfig} from "vitest/config";

// Unit and golden tests: fast, no browser, no built site.
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // The product's data variables point at ../shared when it is there.
    setupFiles: ["test/support/setup-shared-data.ts"]
  }
});
