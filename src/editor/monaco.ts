// Monaco with the slim entry points: the editor, its features, YAML highlighting, and monaco-yaml
// for schema validation, completion and hover (its whole-document requests limited by size:
// src/editor/largeDocument.ts). Only the lazily loaded editor chunk imports this.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from './yaml.worker.ts?worker';
import { withLegacyCreateWebWorker } from './legacyWorkerShim.ts';
import { withoutBlankDocumentMarkers } from './blankDocument.ts';
import { withLargeDocumentLimits } from './largeDocument.ts';
import { manifestSchema } from './schema.ts';
import { useStore } from '../ui/store.ts';
import { findingsPending } from '../workers/client.ts';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'yaml') return new YamlWorker({ name: 'yaml' });
    if (label === 'editorWorkerService') return new EditorWorker({ name: 'editor' });
    throw new Error(`unknown Monaco worker label ${label}`);
  },
};

/** The app's analysis or review is running (monaco-yaml's validation of a larger text gives way). */
const appBusy = () => useStore.getState().busy || findingsPending();

export const MODEL_URI = 'file:///design.netpol.yaml';

configureMonacoYaml(withoutBlankDocumentMarkers(withLargeDocumentLimits(withLegacyCreateWebWorker(monaco), appBusy)) as unknown as Parameters<typeof configureMonacoYaml>[0], {
  enableSchemaRequest: false,
  yamlVersion: '1.1',
  validate: true,
  completion: true,
  hover: true,
  format: { enable: true },
  schemas: [{ uri: 'inmemory://schemas/kubernetes-manifest.json', fileMatch: ['**/*.netpol.yaml'], schema: manifestSchema }],
});

export { monaco };
