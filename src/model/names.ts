// Name and label syntax, as apimachinery's `util/validation` checks it. Each function returns the
// problems found (empty when valid), phrased to follow "<field>: <value> ...".

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const quote = (value: string): string => JSON.stringify(value);

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name 1-63 chars. */
export function qualifiedNameProblems(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const problems: string[] = [];
  if (parts.length > 2) return [`${quote(key)} is not a valid key: at most one '/' (prefix/name)`];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix === '') problems.push(`${quote(key)} is not a valid key: the prefix before '/' must not be empty`);
    else if (dns1123SubdomainProblems(prefix).length > 0) {
      problems.push(`${quote(key)} is not a valid key: the prefix ${quote(prefix)} must be a DNS subdomain (lowercase letters, digits, '-' and '.')`);
    }
  }
  if (name === '') problems.push(`${quote(key)} is not a valid key: the name part must not be empty`);
  else if (name.length > 63) problems.push(`${quote(key)} is not a valid key: the name part must be at most 63 characters`);
  else if (!QUALIFIED_NAME.test(name)) {
    problems.push(`${quote(key)} is not a valid key: the name part may contain only letters, digits, '-', '_' and '.', and must start and end with a letter or digit`);
  }
  return problems;
}

export function labelValueProblems(value: string): string[] {
  if (value.length > 63) return [`${quote(value)} is not a valid label value: at most 63 characters`];
  if (!LABEL_VALUE.test(value)) {
    return [`${quote(value)} is not a valid label value: only letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or empty)`];
  }
  return [];
}

export function dns1123LabelProblems(value: string): string[] {
  if (value.length > 63) return [`${quote(value)} must be at most 63 characters`];
  if (!DNS1123_LABEL.test(value)) {
    return [`${quote(value)} must be a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit`];
  }
  return [];
}

export function dns1123SubdomainProblems(value: string): string[] {
  if (value.length > 253) return [`${quote(value)} must be at most 253 characters`];
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return [`${quote(value)} must be a DNS subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`];
  }
  return [];
}

export function dns1035LabelProblems(value: string): string[] {
  if (value.length > 63) return [`${quote(value)} must be at most 63 characters`];
  if (!DNS1035_LABEL.test(value)) {
    return [`${quote(value)} must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit`];
  }
  return [];
}

/** IANA_SVC_NAME (RFC 6335): what a named port may be called. */
export function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 1 || name.length > 15) problems.push('must be 1 to 15 characters');
  if (!/^[-a-z0-9]*$/.test(name)) problems.push("may contain only lowercase letters, digits and '-'");
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter');
  if (name.includes('--')) problems.push("must not contain '--'");
  if (name.startsWith('-') || name.endsWith('-')) problems.push("must not start or end with '-'");
  return problems.length === 0 ? [] : [`${quote(name)} is not a valid port name: ${problems.join(', ')}`];
}

export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}
