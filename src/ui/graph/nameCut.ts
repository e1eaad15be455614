// Where a long name is cut when its box is too narrow: what tells it from its neighbours stays.

/**
 * The random end Kubernetes gives the pods a controller makes ("web-7d9f8b6c5-x2k4q", "agent-q7z2m"):
 * five characters of k8s.io/apimachinery/pkg/util/rand's alphabet, without vowels (or 0, 1, 3), so
 * that no word is spelled. Such an end tells nothing: its name's start goes first.
 */
const GENERATED_END = /-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/**
 * "ingress-ng…-controller": the start shrinks and the end after the last dash stays (the dash goes
 * with the end); undefined for a name that fits, or whose end is generated (cut at its end instead:
 * "web-7d9f…").
 */
export function splitName(name: string): [head: string, tail: string] | undefined {
  if (name.length <= 14 || GENERATED_END.test(name)) return undefined;
  const dash = name.lastIndexOf('-');
  const tail = dash > 0 && name.length - dash >= 4 && name.length - dash <= 12 ? name.length - dash : 6;
  return [name.slice(0, name.length - tail), name.slice(name.length - tail)];
}
