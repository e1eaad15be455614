import { describe, expect, it } from 'vitest';
import { splitName } from './nameCut.ts';

describe('splitName', () => {
  it('keeps the end after the last dash of a long name', () => {
    expect(splitName('ingress-nginx-controller')).toEqual(['ingress-nginx', '-controller']);
    expect(splitName('payments-api-v2-canary')).toEqual(['payments-api-v2', '-canary']);
  });

  it('cuts a pod name with a generated end at its end, where the name a person gave is at the start', () => {
    expect(splitName('web-7d9f8b6c5-x2k4q')).toBeUndefined();
    expect(splitName('node-exporter-q7z2m')).toBeUndefined();
    // A word at the end is not generated (vowels), nor is a StatefulSet's ordinal.
    expect(splitName('billing-reporter')).toEqual(['billing', '-reporter']);
    expect(splitName('postgres-primary-0')).toEqual(['postgres-pri', 'mary-0']);
  });

  it('leaves a short name whole', () => {
    expect(splitName('api')).toBeUndefined();
  });
});
