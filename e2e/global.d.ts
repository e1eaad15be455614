export {};
declare global {
  interface Window {
    __netpol?: {
      text(): string;
      editorText(): string | undefined;
      editorMarkers(): number | undefined;
      editorCursorLine(): number | undefined;
      setEditorText(text: string): boolean;
      repaints(): number[];
      setAnalysisDeadline(ms: number | undefined): void;
      setSmallImportLimit(bytes: number | undefined): void;
      setSuccessNoticeMs(ms: number | undefined): void;
      counts(): { objects: number; workloads: number; pairs: number; flows: number; busy: boolean };
      reviewing(): boolean;
    };
  }
}
