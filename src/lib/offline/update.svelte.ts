import type { Workbox } from 'workbox-window';
import { connection } from '$lib/db/connection.svelte';
import { settle } from './settle';

/** When Reload asks the waiting worker to take over again, and when the page reloads without it. */
const RESEND_MS = 3_000;
const SWITCH_WAIT_MS = 10_000;

/**
 * A new build's service worker, installed and waiting while this page runs the old one. It takes over
 * only when the person asks (the banner's Reload), never by itself: a reload under them could cut an
 * answer short or throw away what they were typing.
 */
export class PendingUpdate {
	/** A new version is waiting. */
	ready = $state(false);
	/** Reload was pressed: answers are being committed, then the page reloads. */
	reloading = $state(false);
	#workbox: Workbox;
	#registration: ServiceWorkerRegistration;

	constructor(workbox: Workbox, registration: ServiceWorkerRegistration) {
		this.#workbox = workbox;
		this.#registration = registration;
		// Only an update waits: the first worker, with none active before it, takes over at once.
		const watch = (worker: ServiceWorker | null) =>
			worker?.addEventListener('statechange', () => {
				if (worker.state === 'installed') this.#check();
			});
		this.#check();
		watch(registration.installing);
		registration.addEventListener('updatefound', () => watch(registration.installing));
	}

	#check(): void {
		if (this.#registration.waiting && this.#registration.active) this.ready = true;
	}

	/** Commits any answer in flight, lets the new worker take over, and reloads once it controls the page. */
	async apply(): Promise<void> {
		if (this.reloading) return;
		this.reloading = true;
		try {
			const db = await connection.open();
			if (db) await settle(db);
		} catch (e) {
			// Not on disk yet: no reload, and the button works again.
			this.reloading = false;
			throw e;
		}
		if (!this.#registration.waiting) {
			// Another tab switched already: this page's worker is the new one, only its code is old.
			location.reload();
			return;
		}
		// Reload once the new worker controls the page, or is active. A CI run stayed on "Reloading…" for
		// 30 s after the message (cause not found): the message is sent again, and after SWITCH_WAIT_MS the
		// page reloads anyway. Answers are on disk by now; at worst the old build loads and offers the
		// update again.
		let reloaded = false;
		const reload = () => {
			if (reloaded) return;
			reloaded = true;
			location.reload();
		};
		this.#workbox.addEventListener('controlling', reload);
		// A page that no worker controls gets no "controlling" event: the new worker's activation is the sign.
		const waiting = this.#registration.waiting;
		waiting.addEventListener('statechange', () => waiting.state === 'activated' && reload());
		this.#workbox.messageSkipWaiting();
		setTimeout(() => this.#workbox.messageSkipWaiting(), RESEND_MS);
		setTimeout(reload, SWITCH_WAIT_MS);
	}
}
