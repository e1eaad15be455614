// The measurement scripts' server: `vite preview` of a build they do not make, in its own process
// group so that stopping it stops npx's children too.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function startPreview(port: number, outDir = 'dist'): Promise<ChildProcess> {
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`${outDir}/ is missing: run \`npm run build\` first (this script builds nothing).`);
  const child = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('vite preview did not start');
}
