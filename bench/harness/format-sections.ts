import { GOALS, int, mib, ms, table, verdict } from './format-report.js';
import type { InProcessResult } from './in-process.js';
import type { StartupResult } from './startup.js';
import type { StoreResult } from './store-scale.js';

/** Start-up to the first 200 of each peer, and the mock's share of an empty Express app's. */
export function formatStartup(results: readonly StartupResult[]): string {
  const express = results.find((r) => r.name === 'empty Express 5');
  const mock = results.find((r) => r.name === 'telemock');
  const rows = [
    [
      'start-up to first 200',
      '',
      'median ms',
      'runs (ms)',
      'vs empty Express',
      'CPU ms',
      'CPU vs empty Express',
    ],
  ];
  for (const r of results) {
    rows.push([
      r.name,
      '',
      int(r.medianMs),
      r.samplesMs.map((s) => int(s)).join(' '),
      express ? `${(r.medianMs / express.medianMs).toFixed(2)}×` : '-',
      int(r.cpuMedianMs),
      express ? `${(r.cpuMedianMs / express.cpuMedianMs).toFixed(2)}×` : '-',
    ]);
  }
  const out = [table(rows)];
  if (mock && express) {
    const ratio = mock.medianMs / express.medianMs;
    out.push(
      `goal: telemock (node dist/bin/telemock.js serve → GET /calls 200) ≤ ${GOALS.startupVsExpress}× an empty Express 5 app: ` +
        `${ratio.toFixed(2)}× ${verdict(ratio <= GOALS.startupVsExpress)} ` +
        `(its CPU time to the first 200: ${(mock.cpuMedianMs / express.cpuMedianMs).toFixed(2)}× the app's)`,
    );
  }
  return out.join('\n');
}

/** The cost of a request as the store grows, and the RSS at each size. */
export function formatStore(result: StoreResult): string {
  const rows = [
    [
      'stored calls',
      '',
      'GET req/s',
      'GET p99 ms',
      'GET CPU ms',
      'POST req/s',
      'POST p99 ms',
      'POST CPU ms',
      'RSS MiB',
    ],
  ];
  for (const l of result.levels) {
    rows.push([
      int(l.calls),
      '',
      int(l.getPerSecond),
      ms(l.getP99Ms),
      l.getCpuMs.toFixed(3),
      int(l.postPerSecond),
      ms(l.postP99Ms),
      l.postCpuMs.toFixed(3),
      mib(l.rssMiB),
    ]);
  }
  const out = [table(rows)];
  const first = result.levels[0];
  const last = result.levels[result.levels.length - 1];
  if (first && last) {
    out.push(
      `GET at ${int(last.calls)} / at ${int(first.calls)}: ${(last.getPerSecond / first.getPerSecond).toFixed(2)}×; ` +
        `POST: ${(last.postPerSecond / first.postPerSecond).toFixed(2)}×; server CPU per request at ${int(last.calls)} / at ` +
        `${int(first.calls)}: GET ${(last.getCpuMs / first.getCpuMs).toFixed(2)}×, POST ${(last.postCpuMs / first.postCpuMs).toFixed(2)}×`,
      `goal: RSS with ${int(last.calls)} stored calls ≤ ${GOALS.storeRssMiB} MiB: ${mib(last.rssMiB)} MiB ` +
        `${verdict(last.rssMiB <= GOALS.storeRssMiB && last.calls >= 100_000)}`,
    );
  }
  return out.join('\n');
}

/** The MSW handlers: cold start and sequential throughput against a bare MSW handler. */
export function formatInProcess(r: InProcessResult): string {
  const ratio = r.telemockSequential / r.bareSequential;
  return [
    table([
      ['in-process (MSW)', '', 'ms / req/s'],
      ['import msw + msw/node (paid by any MSW user)', '', `${ms(r.mswImportMs)} ms`],
      ['import telemock/msw + createHandlers + first answer', '', `${ms(r.telemockFirstMs)} ms`],
      ['  of which import + createHandlers', '', `${ms(r.createMs)} ms`],
      ['  of which setupServer + first GET /calls', '', `${ms(r.firstAnswerMs)} ms`],
      ['bare MSW handler: setupServer + first answer', '', `${ms(r.bareFirstMs)} ms`],
      ['sequential GET /calls/{callId}, bare MSW handler', '', `${int(r.bareSequential)} req/s`],
      ['sequential GET /calls/{callId}, telemock', '', `${int(r.telemockSequential)} req/s`],
    ]),
    `goal: import + createHandlers + first answer ≤ ${GOALS.inProcessMs} ms: ${ms(r.telemockFirstMs)} ms ${verdict(r.telemockFirstMs <= GOALS.inProcessMs)}`,
    `goal: MSW sequential ≥ ${GOALS.mswVsBare}× a bare MSW handler: ${ratio.toFixed(2)}× ${verdict(ratio >= GOALS.mswVsBare)}`,
  ].join('\n');
}
