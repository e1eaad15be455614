import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../model/index.ts';
import type { Finding } from '../types.ts';
import { SHOP_CLUSTER, SHOP_POLICIES, SHOP_POLICIES_CHANGED, shopDesign } from '../diff/testFixtures.ts';
import { renderDiagramSvg, renderHtmlReport, renderMarkdownReport } from './index.ts';

const XSS = '<img src=x onerror=alert(1)>';
const HOSTILE_POLICY = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: hostile
  namespace: shop
  labels: {owner: '${XSS}'}
  annotations: {note: '</pre><script>alert(2)</script>'}
spec:
  podSelector: {matchLabels: {app: '${XSS}'}}
  policyTypes: [Ingress]
`;
const design = loadDesign([{ name: 'cluster.yaml', text: SHOP_CLUSTER }, { name: 'policies.yaml', text: SHOP_POLICIES_CHANGED + HOSTILE_POLICY }]);
const finding: Finding = {
  id: `test:${XSS}`,
  rule: 'test-rule',
  severity: 'high',
  title: `Namespace shop: ${XSS}`,
  risk: 'Anything can reach **everything** | really',
  location: { file: 'policies.yaml', line: 3, col: 1 },
  path: 'spec.podSelector',
  fixes: [{ title: 'Add a default deny', description: 'Isolates the namespace.', changes: [] }],
};
const input = { design, baseline: shopDesign(SHOP_POLICIES), findings: [finding, { ...finding, id: 'x', severity: 'low' as const, title: 'minor' }], title: `Review <b>shop</b>`, date: '2025-01-02' };

describe('HTML report', () => {
  const html = renderHtmlReport(input);

  it('escapes every user string', () => {
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('<title>Review &lt;b&gt;shop&lt;/b&gt;</title>');
  });

  it('is self-contained: no scripts, no external resources, a CSP that forbids them', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<link|<iframe|<object|<embed|\bsrc="http|href="http|@import/i);
    expect(html.match(/url\(([^)]*)\)/g)?.every((u) => u === 'url(#arrow)') ?? true).toBe(true);
  });

  it('has the summary, diagram, findings by severity, matrix, diff and policies', () => {
    expect(html).toContain('<p class="muted">2025-01-02 · netpol-designer</p>');
    expect(html).toContain('<tr><th>findings</th><td colspan="3">1 high, 0 medium, 1 low, 0 info</td></tr>');
    expect(html).toMatch(/<h2>Diagram<\/h2><div class="diagram"><svg /);
    expect(html.indexOf('sev high')).toBeLessThan(html.indexOf('sev low'));
    expect(html).toContain('<h2>Reachability matrix</h2>');
    expect(html).toContain('<li>added <code>NetworkPolicy/shop/hostile</code></li>');
    expect(html).toContain('<code>spec.ingress[0].ports[0].endPort: (absent) -&gt; 8090</code>');
    expect(html).toContain('name: web-egress');
    // The cluster services the answers depend on are stated.
    expect(html).toContain('<th>assumed</th><td colspan="3" style="text-align:left">kube-apiserver endpoint not set (Service 10.96.0.1:443); cluster DNS pods k8s-app=kube-dns in kube-system');
  });

  it('embeds a caller SVG as an image, so its markup cannot run', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(3)</script><text>"quoted"</text></svg>';
    const withSvg = renderHtmlReport({ ...input, diagramSvg: svg });
    expect(withSvg).not.toContain('alert(3)</script>');
    expect(withSvg).toMatch(/<img alt="diagram of the design" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+">/);
    const b64 = /base64,([A-Za-z0-9+/=]+)/.exec(withSvg)![1]!;
    expect(new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)))).toBe(svg);
  });
});

describe('Markdown report', () => {
  const md = renderMarkdownReport(input);

  it('escapes user strings outside code and keeps YAML in a fence', () => {
    expect(md).toContain('**HIGH** Namespace shop: &lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(md).toContain('Anything can reach \\*\\*everything\\*\\* \\| really');
    const fence = md.indexOf('```yaml');
    expect(fence).toBeGreaterThan(0);
    const outside = md.slice(0, fence);
    expect(outside).not.toContain(XSS);
    expect(md.slice(fence)).toContain(XSS);
    expect(md.trimEnd().endsWith('```')).toBe(true);
  });

  it('has the sections in order', () => {
    const order = ['# Review &lt;b&gt;shop&lt;/b&gt;', '## Summary', '## Diagram', '## Findings', '## Reachability matrix', '## Changes against the baseline', '## Policies'].map((h) => md.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain('![diagram of the design](data:image/svg+xml;base64,');
    expect(md).toContain('| shop/web | shop/api | `TCP 8081-8090` |');
  });
});

describe('diagram', () => {
  it('draws namespaces, workloads, outside nodes and policed paths, deterministically', () => {
    const svg = renderDiagramSvg(shopDesign(SHOP_POLICIES_CHANGED));
    expect(svg).toBe(renderDiagramSvg(shopDesign(SHOP_POLICIES_CHANGED)));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const text of ['>shop<', '>kube-system<', '>web<', '>coredns<', '>Internet<', '>Cloud metadata server<']) expect(svg).toContain(text);
    // web -> api is decided by policies (web's egress, api's ingress) and allowed on TCP 8080-8090.
    expect(svg).toContain('<title>TCP 8080-8090</title>');
    expect(svg).toContain('in: isolated · out: isolated · admin rules');
    expect(svg).not.toMatch(/<script/i);
  });

  it('joins arrows per namespace pair when there are too many', () => {
    const svg = renderDiagramSvg(shopDesign(SHOP_POLICIES_CHANGED), { maxArrows: 1 });
    expect(svg).toMatch(/<title>\d+ paths?<\/title>/);
    expect(svg).toContain('namespace pairs');
  });
});
