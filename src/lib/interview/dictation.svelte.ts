/**
 * Browser speech recognition, where the browser has it (Chrome and Edge expose it as
 * `webkitSpeechRecognition`). Typed here because TypeScript's DOM library does not include it.
 */
interface RecognitionResult {
	isFinal: boolean;
	0: { transcript: string };
}
export interface RecognitionEvent {
	resultIndex: number;
	results: ArrayLike<RecognitionResult>;
}
export interface Recognition {
	continuous: boolean;
	interimResults: boolean;
	lang: string;
	onresult: ((event: RecognitionEvent) => void) | null;
	onerror: ((event: { error: string }) => void) | null;
	onend: (() => void) | null;
	start(): void;
	stop(): void;
}

export type RecognitionConstructor = new () => Recognition;

/** The recognition constructor, or null where dictation cannot work (then no button is shown). */
export function speechRecognition(): RecognitionConstructor | null {
	if (typeof window === 'undefined') return null;
	const w = window as unknown as {
		SpeechRecognition?: RecognitionConstructor;
		webkitSpeechRecognition?: RecognitionConstructor;
	};
	return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** Final transcript text from a recognition event. */
export function finalText(event: RecognitionEvent): string {
	let text = '';
	for (let i = event.resultIndex; i < event.results.length; i++) {
		const r = event.results[i];
		if (r?.isFinal) text += r[0].transcript;
	}
	return text.trim();
}

/** Errors after which dictation cannot work on this page (refused, or no speech service). */
const FATAL = new Set(['not-allowed', 'service-not-allowed', 'network']);

/**
 * Dictation into one answer. Whoever owns it calls `stop()` when that answer may no longer change
 * (submitted, timed out, another question shown): from then on, results that arrive late from the
 * stopped recognition are dropped, not written into whatever answer is current.
 */
export class Dictation {
	/** Whether to offer the button: the browser has recognition and has not refused it. */
	available = $state(false);
	listening = $state(false);
	/** Why dictation stopped on its own, for the person ('' when nothing went wrong). */
	problem = $state('');

	#Recognition: RecognitionConstructor | null;
	#heard: (text: string) => void;
	#current: Recognition | null = null;

	/** `heard` gets each final phrase; `Recognition` defaults to the browser's own. */
	constructor(
		heard: (text: string) => void,
		Recognition: RecognitionConstructor | null = speechRecognition()
	) {
		this.#heard = heard;
		this.#Recognition = Recognition;
		this.available = Recognition !== null;
	}

	start(): void {
		if (!this.#Recognition || !this.available || this.#current) return;
		const r = new this.#Recognition();
		r.continuous = true;
		r.interimResults = false;
		r.lang = (typeof navigator !== 'undefined' && navigator.language) || 'en-US';
		r.onresult = (event) => {
			if (this.#current !== r) return;
			const text = finalText(event);
			if (text) this.#heard(text);
		};
		r.onerror = (event) => {
			if (this.#current !== r) return;
			this.problem = `Dictation stopped (${event.error}). You can keep typing.`;
			if (FATAL.has(event.error)) this.available = false;
		};
		r.onend = () => {
			if (this.#current !== r) return;
			this.#current = null;
			this.listening = false;
		};
		this.#current = r;
		this.problem = '';
		this.listening = true;
		r.start();
	}

	/** Stops listening now; anything the stopped recognition still delivers is ignored. */
	stop(): void {
		const r = this.#current;
		if (!r) return;
		this.#current = null;
		this.listening = false;
		r.stop();
	}

	toggle(): void {
		if (this.#current) this.stop();
		else this.start();
	}
}
