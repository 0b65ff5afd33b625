import type { SpecOperation } from './spec.js';

interface Route {
  operationId: string;
  method: string;
  segments: Array<{ literal: string } | { param: string }>;
  literals: number;
}

export type RouteMatch =
  | { kind: 'operation'; operationId: string; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' }
  | { kind: 'bad-path'; detail: string; param: string };

/**
 * Matches request paths to the spec's operations. Routes are grouped by segment count and tried
 * most-literal first, so `/texts/webhook` wins over `/texts/{textId}`.
 */
export class Router {
  #bySize = new Map<number, Route[]>();

  constructor(operations: Iterable<SpecOperation>) {
    for (const op of operations) {
      const segments = op.path
        .split('/')
        .slice(1)
        .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s }));
      const route = {
        operationId: op.operationId,
        method: op.method,
        segments,
        literals: segments.filter((s) => 'literal' in s).length,
      };
      const list = this.#bySize.get(segments.length) ?? [];
      list.push(route);
      list.sort((a, b) => b.literals - a.literals);
      this.#bySize.set(segments.length, list);
    }
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').slice(1);
    const candidates = this.#bySize.get(parts.length) ?? [];
    let shape: Route['segments'] | undefined;
    const allow: string[] = [];
    for (const route of candidates) {
      if (shape && !sameShape(shape, route.segments)) continue;
      if (!fits(route, parts)) continue;
      shape = route.segments;
      if (route.method !== method) {
        allow.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (let i = 0; i < parts.length; i++) {
        const segment = route.segments[i];
        if (segment && 'param' in segment) {
          try {
            params[segment.param] = decodeURIComponent(parts[i] as string);
          } catch {
            return {
              kind: 'bad-path',
              detail: `The path segment '${parts[i]}' is not valid percent-encoding.`,
              param: segment.param,
            };
          }
        }
      }
      return { kind: 'operation', operationId: route.operationId, params };
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}

function fits(route: Route, parts: string[]): boolean {
  return route.segments.every((s, i) => ('literal' in s ? s.literal === parts[i] : (parts[i] ?? '') !== ''));
}

function sameShape(a: Route['segments'], b: Route['segments']): boolean {
  return a.every((s, i) => {
    const t = b[i];
    return t !== undefined && ('literal' in s ? 'literal' in t && t.literal === s.literal : 'param' in t);
  });
}
