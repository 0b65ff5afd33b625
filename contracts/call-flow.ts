import type { Spec, SpecOperation } from '../spec/spec.js';

/**
 * The few names the suite must know about calls, because a call costs money and rings a phone:
 * which operation creates one, which reads it and which ends it. Everything else about the flow
 * (the actions, their parameters, the statuses and their order) is read from the spec's links and
 * the `CallStatus` schema.
 */
export const CALL_FLOW = {
  create: 'createCall',
  read: 'getCall',
  hangUp: 'hangUpCall',
  /** The one status in which the actions are accepted (the spec: "Only while `in-progress`"). */
  live: 'in-progress',
  statusSchema: 'CallStatus',
} as const;

interface Link {
  operationId: string;
  parameters?: Record<string, string>;
  requestBody?: Record<string, string>;
}

/** The links documented on an operation's 2xx responses. */
export function linksOf(operation: SpecOperation): Link[] {
  const out: Link[] = [];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!status.startsWith('2')) continue;
    const links = (response as { links?: Record<string, Link> }).links ?? {};
    out.push(...Object.values(links));
  }
  return out;
}

/** The operations a created call links to that act on it (neither reading nor ending it). */
export function callActions(spec: Spec): SpecOperation[] {
  const create = spec.operations.get(CALL_FLOW.create);
  if (!create) return [];
  return linksOf(create)
    .map((link) => spec.operations.get(link.operationId))
    .filter(
      (op): op is SpecOperation =>
        !!op && op.operationId !== CALL_FLOW.read && op.operationId !== CALL_FLOW.hangUp,
    );
}

/**
 * How far along a status is: the enum lists `queued, ringing, in-progress` and then the endings,
 * which all rank the same (an ending never changes, so it is compared for equality).
 */
export function statusRank(spec: Spec, status: string): number {
  const values = (spec.document.components.schemas[CALL_FLOW.statusSchema]?.enum ?? []) as string[];
  const live = values.indexOf(CALL_FLOW.live);
  const index = values.indexOf(status);
  return index < 0 ? -1 : Math.min(index, live + 1);
}

/** True once a status can never change again. */
export function isEnding(spec: Spec, status: string): boolean {
  const values = (spec.document.components.schemas[CALL_FLOW.statusSchema]?.enum ?? []) as string[];
  return statusRank(spec, status) > values.indexOf(CALL_FLOW.live);
}
