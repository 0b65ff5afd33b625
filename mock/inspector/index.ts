/** The inspector page at /__mock/ui: its static files and the admin operations it reads from. */

export { inspectorOperations } from '../operations/inspector/inspector-operations.js';
export { type InspectorAsset, inspectorAssets } from './assets.js';
