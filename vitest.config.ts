import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests share one PostgreSQL/Redis and spawn CLI processes; files run in parallel
    // workers but each file owns its own temporary directory and database names.
    pool: 'forks',
  },
});
