import type { Schemas } from '../../shared/api';

type Definition = Schemas['WorkflowDefinitionDto'];

const W = 170;
const H = 44;
const GAP_X = 60;
const GAP_Y = 56;
const COLS = 4;

/**
 * The machine's top-level states as boxes (in the order the machine declares them, row by row) with
 * its transitions as arrows; the current state is filled and named in the caption. Nested states are
 * listed inside their parent's box. Drawn as plain SVG (no library), with the transitions also as a
 * table for screen readers and keyboard users.
 */
export function StateDiagram({ definition, active }: { definition: Definition; active: Set<string> }) {
  const root = definition.states.find((s) => s.parent === null);
  const top = definition.states.filter((s) => s.parent === root?.id);
  const topOf = new Map<string, string>();
  for (const s of definition.states) {
    let node: typeof s | undefined = s;
    while (node?.parent && node.parent !== root?.id) {
      const parent: string = node.parent;
      node = definition.states.find((x) => x.id === parent);
    }
    if (node) topOf.set(s.id, node.id);
  }
  const pos = new Map(top.map((s, i) => [s.id, { x: 10 + (i % COLS) * (W + GAP_X), y: 10 + Math.floor(i / COLS) * (H + GAP_Y) }]));
  const edges = new Map<string, { from: string; to: string; events: string[] }>();
  for (const t of definition.transitions) {
    const from = topOf.get(t.source);
    for (const target of t.targets) {
      const to = topOf.get(target);
      if (!from || !to || from === to) continue;
      const key = `${from}>${to}`;
      const edge = edges.get(key) ?? { from, to, events: [] };
      if (!edge.events.includes(t.event)) edge.events.push(t.event);
      edges.set(key, edge);
    }
  }
  const rows = Math.ceil(top.length / COLS);
  const width = 20 + Math.min(COLS, top.length) * (W + GAP_X) - GAP_X;
  const height = 20 + rows * (H + GAP_Y) - GAP_Y;
  const current = top.filter((s) => active.has(s.key)).map((s) => s.key);
  const children = (id: string) => definition.states.filter((s) => s.parent === id).map((s) => s.key);
  return (
    <figure className="state-diagram">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: `${width}px` }} role="img" aria-label={`Zustandsdiagramm ${definition.title}; aktueller Zustand: ${current.join(', ') || 'keiner'}`}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#555" />
          </marker>
        </defs>
        {[...edges.values()].map((e) => {
          const a = pos.get(e.from);
          const b = pos.get(e.to);
          if (!a || !b) return null;
          const [x1, y1, x2, y2] = clip(a.x + W / 2, a.y + H / 2, b.x + W / 2, b.y + H / 2);
          return (
            <line key={`${e.from}>${e.to}`} x1={x1} y1={y1} x2={x2} y2={y2} stroke="#888" strokeWidth={1.2} markerEnd="url(#arrow)">
              <title>{e.events.join(', ')}</title>
            </line>
          );
        })}
        {top.map((s) => {
          const p = pos.get(s.id)!;
          const on = active.has(s.key);
          const sub = children(s.id);
          return (
            <g key={s.id} data-state={s.key} data-active={on || undefined}>
              <rect x={p.x} y={p.y} width={W} height={H} rx={s.type === 'final' ? 20 : 6} fill={on ? '#004b87' : '#fff'} stroke={on ? '#004b87' : '#333'} strokeWidth={s.type === 'final' ? 3 : 1.5} />
              <text x={p.x + W / 2} y={p.y + (sub.length ? 18 : 27)} textAnchor="middle" fontSize="14" fontWeight={on ? 700 : 400} fill={on ? '#fff' : '#111'}>
                {s.key}
                {s.id === root?.initial ? ' ◂' : ''}
              </text>
              {sub.length ? (
                <text x={p.x + W / 2} y={p.y + 35} textAnchor="middle" fontSize="10" fill={on ? '#fff' : '#333'}>
                  {sub.map((k) => (active.has(k) ? `[${k}]` : k)).join(' · ').slice(0, 34)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="kern-body kern-body--small">
        Aktueller Zustand hervorgehoben: <strong data-testid="diagram-current">{current.join(', ') || '–'}</strong>. ◂ Anfangszustand, runde Ecken: Endzustand. Maschine {definition.type}, Version {definition.version}.
      </figcaption>
      <details>
        <summary className="kern-body">Übergänge als Tabelle</summary>
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Übergänge">
          <table className="kern-table kern-table--small">
            <caption className="kern-sr-only">Übergänge der Maschine {definition.type}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="col">Von</th>
                <th className="kern-table__header" scope="col">Ereignis</th>
                <th className="kern-table__header" scope="col">Nach</th>
                <th className="kern-table__header" scope="col">Regel</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {definition.transitions.map((t, i) => (
                <tr key={i} className="kern-table__row">
                  <td className="kern-table__cell">{short(t.source)}</td>
                  <td className="kern-table__cell">
                    <code>{t.event}</code>
                  </td>
                  <td className="kern-table__cell">{t.targets.map(short).join(', ') || '(bleibt)'}</td>
                  <td className="kern-table__cell">{t.guard ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

const short = (id: string) => id.split('.').slice(1).join('.') || id;

/** Shortens a centre-to-centre line so it starts and ends at the boxes' borders. */
function clip(x1: number, y1: number, x2: number, y2: number): [number, number, number, number] {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.min(Math.abs(W / 2 / (dx || 1e-9)), Math.abs(H / 2 / (dy || 1e-9)));
  return [x1 + dx * t, y1 + dy * t, x2 - dx * t, y2 - dy * t];
}
