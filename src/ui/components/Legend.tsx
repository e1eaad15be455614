export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li><span className="swatch sw-flow-allowed" aria-hidden="true" /> drawn flow, allowed</li>
      <li><span className="swatch sw-flow-blocked" aria-hidden="true" /> drawn flow, blocked</li>
      <li><span className="swatch sw-intended" aria-hidden="true" /> opened by a switch</li>
      <li><span className="swatch sw-unintended" aria-hidden="true" /> allowed, nobody drew it</li>
      <li><span className="chip chip-isolated">in</span><span className="chip chip-isolated">out</span> isolated: only allowed traffic</li>
      <li><span className="chip chip-open">in</span><span className="chip chip-open">out</span> open: no policy, all traffic</li>
    </ul>
  );
}
