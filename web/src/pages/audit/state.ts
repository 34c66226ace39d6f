/** An XState state value as one readable path: "scheduled" or "selected.staffing" (parallel: "a.x, b.y"). */
export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => {
        const rest = stateName(inner);
        return rest ? `${key}.${rest}` : key;
      })
      .join(', ');
  }
  return '';
}

/** The state keys a value is in, at every level ("a.b" → a and b), to highlight them in the diagram. */
export function activeKeys(value: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') keys.add(v);
    else if (v && typeof v === 'object')
      for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
        keys.add(k);
        walk(inner);
      }
  };
  walk(value);
  return keys;
}
