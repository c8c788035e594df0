// Test helpers of the platform, for the specs of libs that @hearth/testing (which depends on
// them) cannot serve: `@hearth/platform/test-support`. Never imported by production code.
export { createPlatformApp, type PlatformTestApp } from './create-platform-app';
export { eventually } from './eventually';
