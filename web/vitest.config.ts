import { defineConfig } from 'vitest/config';

// Unit tests of the state logic and the source checks; they need no DOM (the browser tests are Playwright's).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
