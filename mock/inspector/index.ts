/** The inspector page at /__mock/ui: its static files and the admin operations it reads from. */
export { type InspectorAsset, inspectorAssets } from './assets.js';
export { inspectorOperations } from './operations.js';
