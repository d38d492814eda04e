// `$app/paths` for the runes tests (see vite.config.ts): SvelteKit's client module reads `window`,
// `location` and `history` when it loads, which a test without a DOM does not have. The app is served
// at the root.
export const base = '';
export const assets = '';
