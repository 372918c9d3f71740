import { defineConfig } from "vitest/config";

export default defineConfig({
  // Real containers: a lab takes seconds to start and a job tens of seconds to finish.
  test: { testTimeout: 180_000, hookTimeout: 300_000 },
});
