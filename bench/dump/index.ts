// Synthetic `kubectl get ns,deploy,sts,pods,svc,netpol -A -o yaml` dumps for measurements and tests.
export { DumpGenerator, generateDump, DUMP_PRESETS, type DumpOptions, type DumpStats } from './generate.ts';
