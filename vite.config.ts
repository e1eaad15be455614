/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

// Only the built app gets the CSP: the dev server needs an inline React-refresh preamble.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'netpol-designer-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  // Relative URLs: the built page (its scripts, workers, Monaco's assets) works from any folder of a
  // static host, e.g. https://example.org/tools/netpol/, with no server code.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    // monaco-yaml's worker manager still deep-imports monaco's old esm paths
    alias: [
      { find: /^monaco-editor\/esm\/vs\/(.*?)(\.js)?$/, replacement: 'monaco-editor/$1' },
      // The yaml worker's host validates document by document (src/editor/yamlWorkerHost.ts).
      { find: /^monaco-worker-manager\/worker$/, replacement: fileURLToPath(new URL('./src/editor/yamlWorkerHost.ts', import.meta.url)) },
    ],
  },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    // A guard against hangs, not a speed check (that is `npm run bench`): property tests share the cores.
    testTimeout: 60_000,
    // Vitest's default leaves one core free (cores - 1): on CI's two cores the files ran one at a time.
    maxWorkers: availableParallelism(),
    // monaco-yaml's worker bundle goes through Vite so that a test can stand in for its Monaco
    // worker host (src/editor/pieceValidation.test.ts validates with the real language service).
    server: { deps: { inline: ['monaco-yaml'] } },
  },
});
