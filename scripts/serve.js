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

// As a CDN should: files under _app/immutable/ have a content hash in their name, so browsers may keep
// them for a year without asking again; everything else (pages, deck JSON) is revalidated each time.
const files = sirv(dir, {
	single: '200.html',
	extensions: ['html'],
	etag: true,
	gzip: false,
	setHeaders(res, pathname) {
		res.setHeader(
			'Cache-Control',
			pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
		);
	}
});
const server = createServer((req, res) => files(req, res));
server.on('error', (error) => {
	const inUse = /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE';
	console.error(
		inUse
			? `Port ${port} on ${host} is already in use: stop what runs there, or pick another port (PORT=8080 npm start).`
			: `Could not serve ${dir}/ on ${host}:${port}: ${error.message}`
	);
	process.exit(1);
});
server.listen(port, host, () => {
	console.log(`Rehearse is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
