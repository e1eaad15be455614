// metadata, labels and label selectors (apimachinery's meta/v1 validation).
import { Checker, describe, isSet } from './checker.ts';
import {
  dns1035LabelProblems, dns1123LabelProblems, dns1123SubdomainProblems, labelValueProblems, qualifiedNameProblems,
} from './names.ts';
import { joinIndex, joinKey } from './paths.ts';

const METADATA_FIELDS = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
] as const;

export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label';

export interface MetaRules {
  name: NameRule;
  namespaced: boolean;
  /** Warn about unknown metadata fields (for kinds whose whole schema we check). */
  strictFields?: boolean;
  maxNameLength?: number;
}

export function validateObjectMeta(c: Checker, value: unknown, rules: MetaRules): void {
  const meta = c.object(value, 'metadata');
  if (!meta) return;
  if (rules.strictFields) c.knownFields(meta, 'metadata', METADATA_FIELDS);
  const name = c.string(meta.name, 'metadata.name');
  if (name !== undefined) {
    const check = rules.name === 'dns1123-label' ? dns1123LabelProblems : rules.name === 'dns1035-label' ? dns1035LabelProblems : dns1123SubdomainProblems;
    for (const problem of check(name)) c.error('invalid-name', 'metadata.name', `${problem} (the name of a ${c.manifest.object.kind})`);
    if (rules.maxNameLength !== undefined && name.length > rules.maxNameLength) {
      c.error('invalid-name', 'metadata.name', `must be at most ${rules.maxNameLength} characters for a ${c.manifest.object.kind}`);
    }
  }
  if (isSet(meta.namespace)) {
    const namespace = c.string(meta.namespace, 'metadata.namespace');
    if (!rules.namespaced) {
      c.warning('ignored-field', 'metadata.namespace', `a ${c.manifest.object.kind} is cluster-scoped; its namespace is ignored`);
    } else if (namespace !== undefined && namespace !== '') {
      for (const problem of dns1123LabelProblems(namespace)) c.error('invalid-namespace', 'metadata.namespace', `${problem} (namespace names are DNS labels)`);
    }
  }
  validateLabels(c, meta.labels, 'metadata.labels');
  const annotations = c.object(meta.annotations, 'metadata.annotations');
  if (annotations) {
    for (const [key, annotation] of Object.entries(annotations)) {
      const path = joinKey('metadata.annotations', key);
      for (const problem of qualifiedNameProblems(key)) c.error('invalid-annotation-key', path, problem);
      if (isSet(annotation) && typeof annotation !== 'string') {
        c.error('invalid-type', path, `annotation values must be strings, got ${describe(annotation)}; quote it in YAML`);
      }
    }
  }
}

/** A label map: metadata.labels, matchLabels, a Service selector. */
export function validateLabels(c: Checker, value: unknown, path: string): void {
  const labels = c.object(value, path);
  if (!labels) return;
  for (const [key, labelValue] of Object.entries(labels)) {
    const labelPath = joinKey(path, key);
    for (const problem of qualifiedNameProblems(key)) c.error('invalid-label-key', labelPath, problem);
    checkLabelValue(c, labelValue, labelPath);
  }
}

function checkLabelValue(c: Checker, value: unknown, path: string): void {
  if (value === null || value === undefined) {
    c.warning('empty-label-value', path, 'has no value; the API server reads it as the empty string ""');
  } else if (typeof value === 'string') {
    for (const problem of labelValueProblems(value)) c.error('invalid-label-value', path, problem);
  } else if (typeof value === 'boolean') {
    c.error('invalid-type', path, `label values must be strings, got the boolean ${String(value)} (YAML reads unquoted on/off/yes/no/true/false as booleans); quote it`);
  } else {
    c.error('invalid-type', path, `label values must be strings, got ${describe(value)}; quote it`);
  }
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

export function validateLabelSelector(c: Checker, value: unknown, path: string, strictFields: boolean): void {
  const selector = c.object(value, path);
  if (!selector) return;
  if (strictFields) c.knownFields(selector, path, ['matchLabels', 'matchExpressions']);
  validateLabels(c, selector.matchLabels, joinKey(path, 'matchLabels'));
  const expressions = c.list(selector.matchExpressions, joinKey(path, 'matchExpressions'));
  expressions?.forEach((item, i) => {
    const itemPath = joinIndex(joinKey(path, 'matchExpressions'), i);
    const requirement = item === null ? {} : c.object(item, itemPath);
    if (!requirement) return;
    if (strictFields) c.knownFields(requirement, itemPath, ['key', 'operator', 'values']);
    const keyPath = joinKey(itemPath, 'key');
    if (!isSet(requirement.key) || requirement.key === '') c.error('missing-field', keyPath, 'is required');
    else {
      const key = c.string(requirement.key, keyPath);
      if (key !== undefined) for (const problem of qualifiedNameProblems(key)) c.error('invalid-label-key', keyPath, problem);
    }
    const operatorPath = joinKey(itemPath, 'operator');
    const valuesPath = joinKey(itemPath, 'values');
    const values = c.list(requirement.values, valuesPath) ?? [];
    const operator = isSet(requirement.operator) ? c.string(requirement.operator, operatorPath) : '';
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) c.error('missing-field', valuesPath, `must list at least one value when operator is ${operator}`);
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) c.error('invalid-selector', valuesPath, `must be empty when operator is ${operator}`);
    } else if (operator === '') {
      c.error('missing-field', operatorPath, `is required: ${OPERATORS.join(', ')}`);
    } else if (operator !== undefined) {
      const hint = OPERATORS.find((op) => op.toLowerCase() === operator.toLowerCase());
      c.error('invalid-selector', operatorPath, `${JSON.stringify(operator)} is not a selector operator: use ${hint ? `${hint} (operators are case-sensitive)` : OPERATORS.join(', ')}`);
    }
    values.forEach((v, j) => {
      const valuePath = joinIndex(valuesPath, j);
      if (typeof v === 'string') for (const problem of labelValueProblems(v)) c.error('invalid-label-value', valuePath, problem);
      else checkLabelValue(c, v, valuePath);
    });
  });
}
