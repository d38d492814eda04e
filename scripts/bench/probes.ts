// Scripts the bench runs inside the app's pages. They are plain JavaScript strings, not functions,
// because tsx compiles functions with helpers (`__name`) that do not exist in the page.

/**
 * Installed before any page script (context.addInitScript): records `performance.now()` (ms since
 * navigation start) when the home screen's due count has text and when a review prompt exists, then
 * again after the next frame has painted (requestAnimationFrame, then a task).
 */
export const LOAD_MARKS = `(() => {
	const marks = (window.__benchMarks = {});
	const painted = (name) =>
		requestAnimationFrame(() => setTimeout(() => (marks[name + 'Painted'] = performance.now()), 0));
	const check = () => {
		if (marks.home === undefined) {
			const due = document.querySelector('[data-testid="due-today"]');
			if (due && due.textContent.trim() !== '') {
				marks.home = performance.now();
				painted('home');
			}
		}
		if (marks.card === undefined && document.querySelector('#prompt')) {
			marks.card = performance.now();
			painted('card');
		}
	};
	new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
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
				if (!document.querySelector('button.show') || !document.querySelector('#prompt')) return;
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
