import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Component tests: React in happy-dom (a DOM for Node 20), Testing Library driving it as a user would.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
  },
});
