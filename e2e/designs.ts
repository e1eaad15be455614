// Small designs the tests import. `SHOP`: two namespaces, three workloads, one hand-written policy
// that lets web reach api (so there is an edge to watch).
export const SHOP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: db
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - name: http
          containerPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: api
        ports:
        - name: http
          containerPort: 9000
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: postgres
  namespace: db
spec:
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
      - name: postgres
        image: postgres
        ports:
        - name: pg
          containerPort: 5432
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: web
    ports:
    - port: 9000
`;

/** `count` pods spread over namespaces of 20, each namespace with a policy per app. */
export function bigDesign(count: number): string {
  const docs: string[] = [];
  const perNs = 20;
  const namespaces = Math.ceil(count / perNs);
  for (let n = 0; n < namespaces; n++) {
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${n}\n  labels:\n    team: t${n}\n`);
  }
  for (let i = 0; i < count; i++) {
    const ns = `team-${Math.floor(i / perNs)}`;
    const tier = ['web', 'api', 'worker', 'cache'][i % 4];
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: ${ns}\n  labels:\n    app: app-${i}\n    tier: ${tier}\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - name: http\n      containerPort: 8080\n`);
  }
  for (let n = 0; n < namespaces; n++) {
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api-from-web\n  namespace: team-${n}\nspec:\n  podSelector:\n    matchLabels:\n      tier: api\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          tier: web\n    ports:\n    - port: 8080\n`);
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: cache-from-team\n  namespace: team-${n}\nspec:\n  podSelector:\n    matchLabels:\n      tier: cache\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: t${(n + 1) % namespaces}\n    ports:\n    - port: 6379\n`);
  }
  return docs.join('---\n');
}
