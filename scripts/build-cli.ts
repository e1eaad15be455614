// Bundles the command line into one plain JavaScript file, dist-cli/netpol-designer.js: yaml and
// ipaddr.js inlined, Node's built-ins left as imports, no TypeScript loader at run time. The installed
// package therefore has no runtime dependencies, and `npm install` of its tarball needs no network.
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.env.CLI_OUT_DIR ?? 'dist-cli');

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  // Bundle every package (ssr builds leave node_modules external by default).
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: join(root, 'src/cli/main.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      output: {
        format: 'es',
        entryFileNames: 'netpol-designer.js',
        banner: '#!/usr/bin/env node',
        codeSplitting: false,
      },
    },
  },
});
chmodSync(join(outDir, 'netpol-designer.js'), 0o755);

// The package that `npm pack ./dist-cli` makes: the bundle, the invariants' JSON Schema and a README;
// no dependencies (they are inlined), so installing its tarball needs no registry.
const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; description: string; engines: Record<string, string> };
const manifest = {
  name: app.name,
  version: app.version,
  description: 'Check, review and explain Kubernetes NetworkPolicies from the command line: probes, matrix, findings, invariants, SARIF.',
  type: 'module',
  bin: { 'netpol-designer': 'netpol-designer.js' },
  files: ['netpol-designer.js', 'netpol-invariants.schema.json', 'README.md'],
  engines: app.engines,
  keywords: ['kubernetes', 'networkpolicy', 'sarif', 'security'],
};
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, 'public/netpol-invariants.schema.json'), join(outDir, 'netpol-invariants.schema.json'));
writeFileSync(join(outDir, 'README.md'), `# netpol-designer (command line)

The command line of netpol-designer: the same model and policy engine as the page, one JavaScript file
without dependencies. \`netpol-designer --help\` lists the commands, \`netpol-designer COMMAND --help\`
explains one. \`netpol-invariants.schema.json\` is the JSON Schema of \`netpol-invariants.yaml\` for editor
completion (\`# yaml-language-server: $schema=./node_modules/netpol-designer/netpol-invariants.schema.json\`).
`);
