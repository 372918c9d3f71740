import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.docker.test.ts"],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: "docker",
          include: ["test/**/*.docker.test.ts"],
          // Real containers: one file at a time, generous explicit timeouts, a sweep of anything
          // labelled receptor-lab.run before and after the whole run.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 900_000,
          globalSetup: ["test/docker/global-setup.ts"],
          // testcontainers offline: no Ryuk (it would pull its image), no host probe (it would pull alpine)
          env: { TESTCONTAINERS_RYUK_DISABLED: "true", TESTCONTAINERS_HOST_OVERRIDE: process.env.TESTCONTAINERS_HOST_OVERRIDE ?? "localhost" },
        },
      },
    ],
  },
});
