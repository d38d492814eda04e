/**
 * Browser speech recognition, where the browser has it (Chrome and Edge expose it as
 * `webkitSpeechRecognition`). Typed here because TypeScript's DOM library does not include it.
 */
interface RecognitionResult {
	isFinal: boolean;
	0: { transcript: string };
}
interface RecognitionEvent {
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

type RecognitionConstructor = new () => Recognition;

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
