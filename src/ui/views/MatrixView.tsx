export function MatrixView() {
  return <p className="hint">The reachability matrix will be here.</p>;
}
