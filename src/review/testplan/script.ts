// The test plan as a bash script and as a Markdown table.
//
// Approach: for each source workload the script starts one short-lived probe pod (`kubectl run`)
// in the source's namespace, carrying the source's pod labels, and `kubectl exec`s the probes from
// it. A pod with the same labels in the same namespace is selected by exactly the same
// NetworkPolicies and admin policies as the workload's own pods, and unlike exec into the real pods
// it does not depend on the application image shipping nc or dig.
import { shortHash } from '../../design/names.ts';
import { escapeMarkdown } from '../report/escape.ts';
import { shellComment, shellQuote } from './shell.ts';
import type { PlannedProbe, PlanTarget, PlanWorkload, TestPlan } from './types.ts';

/** Marks probe pods, so destination lookups skip them (they carry the same labels as real pods). */
export const PROBE_LABEL = 'netpol-designer.io/probe';

const targetLabel = (t: PlanTarget): string => (t.kind === 'workload' ? t.workload.id : `${t.ip} (${t.title})`);
export const probeTitle = (p: PlannedProbe): string => `${p.from.id} -> ${targetLabel(p.to)} ${p.protocol}/${p.port}`;

const selectorOf = (labels: Record<string, string>): string => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');

const HEADER = String.raw`set -u
if [ -z "${'$'}{IMAGE:-}" ]; then IMAGE=@IMAGE@; fi
if [ -z "${'$'}{TIMEOUT:-}" ]; then TIMEOUT=@TIMEOUT@; fi
# KUBECTL may carry arguments (KUBECTL='kubectl --context staging'); its words are split, not evaluated.
read -r -a KUBECTL_CMD <<< "${'$'}{KUBECTL:-kubectl}"
kube() { "${'$'}{KUBECTL_CMD[@]}" "$@"; }
RUN_ID="${'$'}{RUN_ID:-$(date +%s)-$$}"
PROBE_LABEL=@PROBE_LABEL@

pass=0
fail=0
not_run=0
best_effort=0
started=()

cleanup() {
  local entry
  for entry in ${'$'}{started[@]+"${'$'}{started[@]}"}; do
    kube delete pod -n "${'$'}{entry%%/*}" "${'$'}{entry#*/}" --wait=false --ignore-not-found >/dev/null 2>&1
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# json_string TEXT: TEXT as the inside of a JSON string.
json_string() {
  local s=${'$'}{1//\\/\\\\}
  s=${'$'}{s//\"/\\\"}
  printf '%s' "$s"
}

# start_probe_pod NAMESPACE NAME LABELS: a pod with the source's labels, running for exec. A
# readiness probe that always fails keeps it out of every Service's endpoints: with the labels of
# a real workload it would otherwise be sent that workload's traffic (DNS queries, web requests).
# Network policies do not look at readiness, so it is probed exactly like the workload.
start_probe_pod() {
  local labels="$PROBE_LABEL=true" overrides
  if [ -n "$3" ]; then labels="$3,$labels"; fi
  overrides=$(printf '{"spec":{"terminationGracePeriodSeconds":0,"containers":[{"name":"%s","image":"%s","command":["sleep","3600"],"readinessProbe":{"exec":{"command":["false"]},"periodSeconds":3600}}]}}' "$(json_string "$2")" "$(json_string "$IMAGE")")
  kube run "$2" -n "$1" --image="$IMAGE" --restart=Never --labels="$labels" --overrides="$overrides" --command -- sleep 3600 >/dev/null || return 1
  started+=("$1/$2")
  kube wait -n "$1" --for=jsonpath='{.status.phase}'=Running "pod/$2" --timeout=120s >/dev/null
}

# stop_probe_pod NAMESPACE NAME: probe pods live only as long as their source's probes.
stop_probe_pod() {
  if [ -n "$2" ]; then kube delete pod -n "$1" "$2" --wait=false --ignore-not-found >/dev/null 2>&1; fi
}

# workload_ip NAMESPACE SELECTOR: the IP of a running pod of a workload (not a probe pod).
workload_ip() {
  kube get pods -n "$1" -l "$2,!$PROBE_LABEL" --field-selector=status.phase=Running -o 'jsonpath={.items[0].status.podIP}' 2>/dev/null
}

# pod_ip NAMESPACE NAME
pod_ip() {
  kube get pod "$2" -n "$1" -o 'jsonpath={.status.podIP}' 2>/dev/null
}

# attempt NAMESPACE POD METHOD IP PORT: prints open, refused (reached, nothing listening) or closed.
attempt() {
  local out
  case "$3" in
    tcp)
      if out=$(kube exec -n "$1" "$2" -- nc -z -v -w "$TIMEOUT" "$4" "$5" 2>&1); then echo open; return; fi
      case "$out" in *[Rr]efused*) echo refused ;; *) echo closed ;; esac ;;
    dns)
      if kube exec -n "$1" "$2" -- dig +time="$TIMEOUT" +tries=1 -p "$5" "@$4" kubernetes.default.svc.cluster.local >/dev/null 2>&1; then echo open; else echo closed; fi ;;
    udp)
      if kube exec -n "$1" "$2" -- nc -z -u -w "$TIMEOUT" "$4" "$5" >/dev/null 2>&1; then echo open; else echo closed; fi ;;
  esac
}

# check ID TITLE EXPECTED METHOD NAMESPACE POD IP PORT
check() {
  local got observed
  if [ "$4" = unsupported ]; then echo "SKIP $1 $2: nc cannot probe SCTP (expected $3)"; not_run=$((not_run + 1)); return; fi
  if [ -z "$6" ]; then echo "SKIP $1 $2: no probe pod in the source namespace"; not_run=$((not_run + 1)); return; fi
  if [ -z "$7" ]; then echo "SKIP $1 $2: no running destination pod"; not_run=$((not_run + 1)); return; fi
  got=$(attempt "$5" "$6" "$4" "$7" "$8")
  if [ "$got" = closed ]; then observed=deny; else observed=allow; fi
  if [ "$4" = udp ]; then
    echo "INFO $1 $2: expected $3, nc says $got (UDP is best-effort: no reply reads as open)"
    best_effort=$((best_effort + 1))
  elif [ "$observed" = "$3" ]; then
    echo "PASS $1 $2: $observed ($got)"
    pass=$((pass + 1))
  else
    echo "FAIL $1 $2: expected $3, observed $observed ($got)"
    fail=$((fail + 1))
  fi
}`;

function workloadIpCommand(w: PlanWorkload): string {
  if (w.kind === 'Pod') return `$(pod_ip ${shellQuote(w.namespace)} ${shellQuote(w.name)})`;
  const selector = selectorOf(w.labels);
  // A controller without pod labels cannot be told apart from its neighbours: leave it unresolved.
  return selector === '' ? '' : `$(workload_ip ${shellQuote(w.namespace)} ${shellQuote(selector)})`;
}

export function renderTestScript(plan: TestPlan): string {
  const lines = [
    '#!/usr/bin/env bash',
    '# netpol-designer test plan: proves the design on a live cluster.',
    shellComment(`${plan.probes.length} probe(s); expected outcomes come from the netpol-designer engine.`),
    '#',
    '# How: for each source workload a short-lived probe pod (IMAGE, needs nc and dig) starts in the',
    "# source's namespace with the source's pod labels plus netpol-designer.io/probe=true, so the same",
    '# policies select it; each probe is a kubectl exec from it. TCP: nc -z -w TIMEOUT (a refused',
    '# connection counts as reached). UDP 53: a dig query. Other UDP: nc -zu, best-effort only (UDP has',
    '# no handshake, so a silent drop looks like success); reported as INFO, never PASS or FAIL.',
    '# Probe pods never become Ready (a readiness probe that always fails), so no Service sends them the',
    "# source's traffic. Caveats: probe pods get their own IPs (ipBlock rules naming pod IPs do not match",
    '# them); Pod Security admission may reject the image (choose another with IMAGE=...); probe pods',
    '# start in every source namespace, kube-system included. The API server is probed at the',
    '# address in the settings: use its endpoint address, not the kubernetes Service ClusterIP.',
    '#',
    "# Environment: IMAGE, TIMEOUT (seconds per probe), KUBECTL (the kubectl command and its arguments,",
    "# e.g. KUBECTL='kubectl --context staging'), RUN_ID.",
    '# Exit status: 0 when every probe ran and matched, 1 otherwise.',
    // Replacer functions: a replacement string would give `$'` and `$&` in the values a meaning.
    HEADER.replace('@IMAGE@', () => shellQuote(plan.image))
      .replace('@TIMEOUT@', () => shellQuote(plan.timeoutSeconds))
      .replace('@PROBE_LABEL@', () => shellQuote(PROBE_LABEL)),
    '',
    '# Destinations',
  ];

  const destinations = new Map<string, string>();
  const destinationVar = (t: PlanTarget): string => {
    const key = t.kind === 'workload' ? `wl:${t.workload.id}` : `ip:${t.ip}`;
    let name = destinations.get(key);
    if (name === undefined) {
      name = `DST_${destinations.size + 1}`;
      destinations.set(key, name);
      lines.push(`${name}=${t.kind === 'workload' ? `"${workloadIpCommand(t.workload)}"` : shellQuote(t.ip)}  ${shellComment(targetLabel(t))}`);
    }
    return name;
  };
  for (const p of plan.probes) destinationVar(p.to);

  const bySource = new Map<string, PlannedProbe[]>();
  for (const p of plan.probes) bySource.set(p.from.id, [...(bySource.get(p.from.id) ?? []), p]);
  for (const probes of bySource.values()) {
    const source = probes[0]!.from;
    const podName = `np-probe-${shortHash(source.id)}`;
    lines.push(
      '',
      shellComment(`from ${source.id} (${source.kind})`),
      `src="${podName}-$RUN_ID"`,
      `start_probe_pod ${shellQuote(source.namespace)} "$src" ${shellQuote(selectorOf(source.labels))} || src=''`,
    );
    for (const p of probes) {
      lines.push(`check ${p.id} ${shellQuote(probeTitle(p))} ${p.expected} ${p.method} ${shellQuote(source.namespace)} "$src" "$${destinationVar(p.to)}" ${p.port}`);
    }
    lines.push(`stop_probe_pod ${shellQuote(source.namespace)} "$src"`);
  }
  lines.push(
    '',
    'echo "summary: $pass passed, $fail failed, $not_run not run, $best_effort best-effort (UDP)"',
    'if [ "$fail" -gt 0 ] || [ "$not_run" -gt 0 ]; then exit 1; fi',
    'exit 0',
    '',
  );
  return lines.join('\n');
}

const METHOD_TEXT: Record<PlannedProbe['method'], string> = {
  tcp: 'nc -z',
  dns: 'dig (DNS query)',
  udp: 'nc -zu (best-effort)',
  unsupported: 'not probed (SCTP)',
};

export function renderTestPlanMarkdown(plan: TestPlan): string {
  const rows = plan.probes.map((p) =>
    `| ${p.id} | ${escapeMarkdown(p.from.id)} | ${escapeMarkdown(targetLabel(p.to))} | ${p.protocol}/${p.port} | ${p.expected} | ${METHOD_TEXT[p.method]} |`);
  return [
    `Test plan: ${plan.probes.length} probe(s), probe pods from image \`${plan.image.replace(/`/g, "'")}\`, ${plan.timeoutSeconds} s timeout.`,
    '',
    '| # | from | to | port | expected | how |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
