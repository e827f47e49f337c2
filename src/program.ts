// The whole of Meshline as one file loads it (scripts/build.mjs bundles from here into dist/bundle/meshline.cjs, and
// scripts/load.cjs runs that file with V8's code cache). Each part is evaluated only when asked for: a command pays
// for its own code, not for the render worker's or the plugin API's.
export const cli = () => import('./cli/index.ts');
export const renderWorker = () => import('./app/render-worker-main.ts');
export const pluginApi = () => import('./plugin.ts');
