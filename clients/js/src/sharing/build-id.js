// @ts-check
/**
 * The client's build: 'dev' in the sources; scripts/build.mjs writes a hash of the sources in its place in everything
 * the hub serves. It names the SharedWorker's URL and the channel and lock names, so that tabs of two deployments never
 * share a connection (their tab protocols may differ).
 */
export const CLIENT_BUILD = 'dev';
