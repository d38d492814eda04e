import type { Page } from '@playwright/test';
import { expect, storedRows, test } from './helpers';

/**
 * The browser's speech service cannot run here (no microphone, no network), so these tests stand in
 * for it: a `SpeechRecognition` that "hears" the phrases in `window.__heard` one by one on start, or
 * fails with `window.__speechError`; `window.__recognition` is the last one started, to deliver a late result. Everything on Rehearse's side (the button, the transcript going
 * into the answer, saving, failures) is the real code.
 */
const FAKE_SPEECH = `(() => {
	window.__heard = [];
	window.__speechError = null;
	window.SpeechRecognition = class {
		start() {
			window.__recognition = this;
			setTimeout(() => {
				if (window.__speechError) {
					this.onerror?.({ error: window.__speechError });
					this.onend?.();
					return;
				}
				const phrase = window.__heard.shift();
				if (phrase)
					this.onresult?.({ resultIndex: 0, results: [{ isFinal: true, 0: { transcript: phrase } }] });
			}, 20);
		}
		stop() {
			setTimeout(() => this.onend?.(), 0);
		}
	};
})()`;

async function startInterview(page: Page): Promise<void> {
	await page.goto('/interview');
	await page.getByLabel('Questions', { exact: true }).fill('1');
	await page.getByRole('button', { name: 'Start interview' }).click();
	await expect(page.getByLabel('Your answer')).toBeFocused();
}

test('dictation adds what was heard to the typed answer, which stays editable and is saved', async ({
	page
}) => {
	await page.addInitScript(FAKE_SPEECH);
	await startInterview(page);
	await page.keyboard.type('First,');
	await page.evaluate(() => {
		(window as unknown as { __heard: string[] }).__heard.push(
			' an index trades write cost for faster reads '
		);
	});

	const dictate = page.getByRole('button', { name: 'Dictate' });
	await dictate.click();
	await expect(page.getByRole('button', { name: 'Stop dictating' })).toHaveAttribute('aria-pressed', 'true');
	const answer = page.getByLabel('Your answer');
	await expect(answer).toHaveValue('First, an index trades write cost for faster reads');

	await page.getByRole('button', { name: 'Stop dictating' }).click();
	await expect(dictate).toHaveAttribute('aria-pressed', 'false');
	await answer.press('End');
	await page.keyboard.type(' on the indexed column.');
	await expect(page.getByTestId('answer-saved')).toHaveText('Answer saved');
	const [session] = await storedRows<{ questions: { text: string }[] }>(page, 'interviews');
	expect(session?.questions[0]?.text).toBe(
		'First, an index trades write cost for faster reads on the indexed column.'
	);
});

test('when dictation is refused, the person is told and the button goes away', async ({ page }) => {
	await page.addInitScript(FAKE_SPEECH);
	await startInterview(page);
	await page.evaluate(() => {
		(window as unknown as { __speechError: string }).__speechError = 'not-allowed';
	});
	await page.getByRole('button', { name: 'Dictate' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Dictation stopped (not-allowed)' })).toBeVisible();
	await expect(page.getByRole('button', { name: /Dictat/ })).toHaveCount(0);
	await expect(page.getByLabel('Your answer')).toBeEditable();
});

test('where the browser has no speech recognition, there is no dictation button', async ({ page }) => {
	await page.addInitScript(() => {
		const w = window as unknown as Record<string, unknown>;
		delete w.SpeechRecognition;
		delete w.webkitSpeechRecognition;
	});
	await startInterview(page);
	await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
	await expect(page.getByRole('button', { name: /Dictat/ })).toHaveCount(0);
});

test('a result that arrives after the answer was submitted does not change it (B2)', async ({ page }) => {
	await page.addInitScript(FAKE_SPEECH);
	await startInterview(page);
	await page.keyboard.type('My answer');
	await page.getByRole('button', { name: 'Dictate' }).click();
	await expect(page.getByRole('button', { name: 'Stop dictating' })).toBeVisible();
	await page.getByRole('button', { name: 'Submit answer' }).click();
	await expect(page.getByRole('heading', { name: /^You covered/ })).toBeFocused();
	// The speech service delivers a phrase it heard before it was stopped.
	await page.evaluate(() => {
		const r = (window as unknown as { __recognition: { onresult?: (e: unknown) => void } }).__recognition;
		r.onresult?.({ resultIndex: 0, results: [{ isFinal: true, 0: { transcript: 'late words' } }] });
	});
	await expect(page.getByLabel('Your answer')).toHaveValue('My answer');
	await page.getByRole('button', { name: 'See the report' }).click();
	await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
	const [session] = await storedRows<{ questions: { text: string }[] }>(page, 'interviews');
	expect(session?.questions[0]?.text).toBe('My answer');
});
