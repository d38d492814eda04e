// Serves the static build (./build) like any static host would: files first, then the SPA fallback.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import sirv from 'sirv';

const dir = process.env.BUILD_DIR ?? 'build';
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

if (!existsSync(dir)) {
	console.error(`No ${dir}/ folder: run "npm run build" first (or "npm start", which builds and serves).`);
	process.exit(1);
}

const files = sirv(dir, { single: '200.html', extensions: ['html'], etag: true, gzip: false });
createServer((req, res) => files(req, res)).listen(port, host, () => {
	console.log(`Rehearse is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
