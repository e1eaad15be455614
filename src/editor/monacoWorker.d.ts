// Monaco's worker entry ships without types: what src/editor/yamlWorkerHost.ts uses of it.
declare module 'monaco-editor/editor/editor.worker' {
  export function initialize(callback: (ctx: unknown, createData: unknown) => unknown): void;
}
