// The import limits, apart from the parser so the page can state them without loading it.

/** The largest file the page imports (stated in the import dialog). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
/** Files up to this size are imported as before: the editor shows their whole text. */
export const SMALL_IMPORT_BYTES = 4 * 1024 * 1024;
