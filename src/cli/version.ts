// The version printed by --version and written into SARIF: the package's own (bundled into the
// installed CLI at build time, read through the module graph when run from a clone).
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
