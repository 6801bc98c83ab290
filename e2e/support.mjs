// Shared by the end-to-end tests and the measurement tools, one file per concern under support/:
// the processes they start, the browser, the journeys' steps, and the accessibility states.
export * from './support/processes.mjs';
export * from './support/browser.mjs';
export * from './support/journeys.mjs';
export * from './support/accessibility-states.mjs';
