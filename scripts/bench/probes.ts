// Scripts the bench runs inside the app's pages. They are plain JavaScript strings, not functions,
// because tsx compiles functions with helpers (`__name`) that do not exist in the page.

/**
 * Installed before any page script (context.addInitScript): records `performance.now()` (ms since
 * navigation start) when the home screen's due count shows a number and when a review prompt exists,
 * then again after the next frame has painted (requestAnimationFrame, then a task); likewise when the
 * statistics page has its figures and every chart drawn (\`stats\`), and an SQL exercise its tables (\`sql\`). Both pages may first
 * show what the last visit stored (see src/lib/first-paint/), so the probe
 * also notes what was first shown (the due number, the card's id) and when and with what the app's own
 * live read replaced it (\`homeLive\`, \`cardLive\`), for the bench to check they agree. It also notes the
 * browser's own first contentful paint (\`fcp\`): when the first frame with text was presented, which
 * includes the compositor's raster and drawing that the "painted" mark (the main thread's frame) does not.
 */
export const LOAD_MARKS = `(() => {
	const marks = (window.__benchMarks = {});
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') marks.fcp = e.startTime;
	}).observe({ type: 'paint', buffered: true });
	const painted = (name) =>
		requestAnimationFrame(() => setTimeout(() => (marks[name + 'Painted'] = performance.now()), 0));
	const dueText = () => document.querySelector('[data-testid="due-today"]')?.textContent.trim() ?? '';
	const cardId = (prompt) => prompt?.closest('[data-card-id]')?.getAttribute('data-card-id') ?? '';
	const check = () => {
		if (marks.home === undefined && /^[0-9]+$/.test(dueText())) {
			marks.home = performance.now();
			marks.homeValue = dueText();
			painted('home');
		}
		if (marks.homeLive === undefined && document.querySelector('[data-source="live"]')) {
			marks.homeLive = performance.now();
			marks.homeLiveValue = dueText();
		}
		const prompt = document.querySelector('#prompt');
		if (marks.card === undefined && prompt) {
			marks.card = performance.now();
			marks.cardValue = cardId(prompt);
			painted('card');
		}
		// The statistics page: its figures are in and every chart has drawn its canvas.
		if (marks.stats === undefined && document.querySelector('[data-testid="period-totals"]')) {
			const plots = [...document.querySelectorAll('[data-chart]')];
			if (plots.length > 0 && plots.every((p) => p.querySelector('canvas'))) {
				marks.stats = performance.now();
				painted('stats');
			}
		}
		// An SQL exercise: PostgreSQL has started on its dataset and listed its tables.
		if (marks.sql === undefined && document.querySelector('.tables code')) {
			marks.sql = performance.now();
			painted('sql');
		}
		const livePrompt = document.querySelector('[data-review-live] #prompt');
		if (marks.cardLive === undefined && livePrompt) {
			marks.cardLive = performance.now();
			marks.cardLiveValue = cardId(livePrompt);
		}
	};
	new MutationObserver(check).observe(document, {
		childList: true,
		subtree: true,
		characterData: true,
		attributes: true,
		attributeFilter: ['data-source']
	});
})()`;

/**
 * Installed on the review screen once: a capture listener that notes when '3' is pressed, and
 * \`__benchAnswer.arm()\`, a promise for the next question: when the next prompt and its Show answer
 * button are in the DOM, and when that frame has painted.
 */
export const ANSWER_PROBE = `(() => {
	const probe = (window.__benchAnswer = { keyAt: 0, pending: null });
	addEventListener('keydown', (e) => { if (e.key === '3') probe.keyAt = performance.now(); }, true);
	probe.arm = () => {
		probe.pending = new Promise((resolve) => {
			const timeout = setTimeout(() => { observer.disconnect(); resolve(null); }, 10000);
			const observer = new MutationObserver(() => {
				const live = document.querySelector('[data-review-live]');
				if (!live?.querySelector('button.show') || !live.querySelector('#prompt')) return;
				observer.disconnect();
				clearTimeout(timeout);
				const dom = performance.now();
				requestAnimationFrame(() =>
					setTimeout(() => resolve({ key: probe.keyAt, dom, painted: performance.now() }), 0)
				);
			});
			observer.observe(document.body, { childList: true, subtree: true, characterData: true });
		});
	};
})()`;
