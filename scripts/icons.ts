// Draws the app's PNG icons (static/icons/) from the favicon's design, in headless Chromium:
// `npx tsx scripts/icons.ts`. The maskable icon keeps the letter inside the central 80% safe zone and
// fills the whole square, as launchers crop it to their own shape.
import { chromium } from '@playwright/test';

const letter = (scale: number) =>
	`<g transform="translate(32 32) scale(${scale}) translate(-32 -32)"><path d="M20 46V18h14a9 9 0 0 1 0 18H20m14 0 10 10" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/></g>`;
const rounded = `<rect width="64" height="64" rx="14" fill="#1f5fbf"/>${letter(1)}`;
const full = `<rect width="64" height="64" fill="#1f5fbf"/>${letter(0.7)}`;

const icons = [
	{ file: 'icon-192.png', size: 192, art: rounded },
	{ file: 'icon-512.png', size: 512, art: rounded },
	{ file: 'maskable-512.png', size: 512, art: full },
	{ file: 'apple-touch-icon.png', size: 180, art: full }
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
for (const { file, size, art } of icons) {
	const page = await browser.newPage({ viewport: { width: size, height: size } });
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}">${art}</svg>`;
	await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
	await page.screenshot({ path: `static/icons/${file}`, omitBackground: true });
	await page.close();
}
await browser.close();
