/**
 * The shape of a stream: for each kind of event, every field path with the JSON types seen there
 * (`choices[].delta.content` → string | array). Values are ignored; only names and types are compared.
 */
export type Shape = Map<string, Map<string, Set<string>>>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function walk(value: unknown, path: string, into: Map<string, Set<string>>): void {
  const type = typeOf(value);
  if (path !== '') {
    const seen = into.get(path) ?? new Set<string>();
    seen.add(type);
    into.set(path, seen);
  }
  if (type === 'array') for (const item of value as unknown[]) walk(item, `${path}[]`, into);
  if (type === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, path === '' ? key : `${path}.${key}`, into);
  }
}

/** The JSON payloads of an SSE body (`data:` lines, `[DONE]` left out), whatever the framing (LF, CRLF, padding). */
export function ssePayloads(body: string): unknown[] {
  return body.split(/\r?\n\r?\n/)
    .flatMap((event) => event.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()))
    .filter((data) => data !== '' && data !== '[DONE]')
    .map((data) => JSON.parse(data) as unknown);
}

/** Anthropic events are told apart by `type` and their block or delta type; other vendors have one kind of chunk. */
export function eventKind(payload: unknown): string {
  const event = payload as { type?: unknown; content_block?: { type?: unknown }; delta?: { type?: unknown } };
  if (typeof event.type !== 'string') return 'chunk';
  const sub = event.content_block?.type ?? event.delta?.type;
  return typeof sub === 'string' ? `${event.type}/${sub}` : event.type;
}

export function shapeOf(payloads: readonly unknown[]): Shape {
  const shape: Shape = new Map();
  for (const payload of payloads) {
    const kind = eventKind(payload);
    const paths = shape.get(kind) ?? new Map<string, Set<string>>();
    walk(payload, '', paths);
    shape.set(kind, paths);
  }
  return shape;
}

/**
 * What the fake sends that the real recording does not: event kinds it never had, field paths it never had,
 * or a type it never used there (`null` on either side is compatible: "absent or not yet known").
 */
export function shapeDifferences(fake: Shape, real: Shape, kinds: (kind: string) => boolean = () => true): string[] {
  const differences: string[] = [];
  for (const [kind, paths] of fake) {
    if (!kinds(kind)) continue;
    const realPaths = real.get(kind);
    if (realPaths === undefined) {
      differences.push(`event ${kind}: not in the recording`);
      continue;
    }
    for (const [path, types] of paths) {
      const realTypes = realPaths.get(path);
      if (realTypes === undefined) {
        differences.push(`${kind} ${path}: not in the recording`);
        continue;
      }
      const odd = [...types].filter((t) => t !== 'null' && !realTypes.has(t) && !realTypes.has('null'));
      if (odd.length > 0) differences.push(`${kind} ${path}: ${odd.join('|')}, recorded ${[...realTypes].join('|')}`);
    }
  }
  return differences;
}
