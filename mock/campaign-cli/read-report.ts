import type { Report } from './report-shape.js';

/** Where the mock is and how to reach its admin API. */
export interface MockAddress {
  url: string;
  adminToken?: string;
}

/** Why the mock could not be read: the command exits 2 with this. */
export class UnreadableMock extends Error {
  override name = 'UnreadableMock';
}

/** GET a JSON document of the admin API, or UnreadableMock saying what went wrong. */
export async function readAdmin<T>(mock: MockAddress, path: string): Promise<T> {
  const url = new URL(path, mock.url.endsWith('/') ? mock.url : `${mock.url}/`);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/json',
        ...(mock.adminToken ? { 'x-admin-token': mock.adminToken } : {}),
      },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    // undici puts the socket's error (ECONNREFUSED…) in `cause`, or several in `cause.errors`.
    const cause = (
      error as { cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } }
    ).cause;
    const code = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message;
    throw new UnreadableMock(`cannot reach ${url.origin}: ${code ?? (error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 200);
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
    } catch {}
    throw new UnreadableMock(`GET ${url.pathname} answered ${response.status}: ${detail}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UnreadableMock(`GET ${url.pathname} did not answer JSON (is ${url.origin} a telemock?)`);
  }
}

/** The mock's report (since a time on its clock, when given). */
export async function readReport(mock: MockAddress, since?: string): Promise<Report> {
  const report = await readAdmin<Report>(
    mock,
    `__mock/report${since ? `?since=${encodeURIComponent(since)}` : ''}`,
  );
  if (!Array.isArray(report?.scenarios) || typeof report.calls?.byStatus !== 'object')
    throw new UnreadableMock(
      'GET /__mock/report did not answer a report (is this a telemock with campaigns?)',
    );
  return report;
}
