import type { components } from '../../spec/generated/admin-api.js';

/** `GET /__mock/report`, as mock/admin-openapi.yaml gives it. */
export type Report = components['schemas']['CampaignReport'];
/** One scenario's runs, one population's, or all of them together. */
export type RunGroup = components['schemas']['ReportRuns'];
