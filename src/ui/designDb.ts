// The autosave store lives with the workers (src/workers/designDb.ts), which read the held part of
// a large design from it themselves; the page's modules import it from here, as before.
export { dbDelete, dbGet, dbGetMany, dbKeys, dbPut, dbPutGuarded } from '../workers/designDb.ts';
