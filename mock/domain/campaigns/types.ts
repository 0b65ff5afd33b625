import type { components } from '../../../spec/generated/admin-api.js';

// Campaigns in exactly the shapes mock/admin-openapi.yaml gives them.
type Schemas = components['schemas'];
export type Population = Schemas['Population'];
export type PopulationEntry = Schemas['PopulationEntry'];
export type DeliverySettings = Schemas['WebhookDeliverySettings'];
export type DeliveryChaos = Schemas['DeliveryChaos'];
export type CampaignReport = Schemas['CampaignReport'];
export type ReportFailure = Schemas['ReportFailure'];
export type LatencySummary = Schemas['LatencySummary'];
export type DoubleAnswer = NonNullable<Schemas['ScenarioRun']['doubleAnswer']>;
