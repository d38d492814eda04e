import { LiveQuery } from '$lib/db/live.svelte';
import { describeStorageError } from '$lib/db/errors';
import type { InterviewPlan } from '$lib/scheduling/interview-date';
import type { RehearseDB, Settings, Theme } from '$lib/db/schema';
import { BACKUP_REMINDER_DAYS, readSettings, saveSettings, setDeckEnabled } from '$lib/db/settings';
import { applyTheme } from '$lib/ui/theme';
import { numberTyped } from './number-field';
import { LEECH_LAPSES } from '$lib/scheduling/marks';

export type { Settings, Theme };

type Change = Partial<Omit<Settings, 'id'>>;

/** The settings kept as numbers typed into a box. */
export type NumberSetting =
	'retention' | 'newPerDay' | 'reviewsPerDay' | 'backupReminderDays' | 'leechLapses';

const NAMES: Record<NumberSetting, string> = {
	retention: 'Desired retention',
	newPerDay: 'New cards per day',
	reviewsPerDay: 'Reviews per day',
	backupReminderDays: 'The backup reminder',
	leechLapses: 'The leech threshold'
};

/**
 * The settings screen's state: the stored settings as they are now (a change made in another tab shows
 * here too), and the changes this screen makes, each sent on its own so that none undoes another.
 * Create it while a component initialises.
 */
export class SettingsEditor {
	#db: () => RehearseDB;
	#stored: LiveQuery<Settings, readonly [RehearseDB]>;
	/** "Saving…", "Saved.", or what went wrong with the last changes. */
	status = $state('');
	#saving = 0;
	#failure: string | null = null;
	/**
	 * What this screen last saved, and the live read it was saved over: until the live query reads
	 * again (it does so shortly after every write), the saved settings are the newer ones.
	 */
	#saved = $state.raw<{ settings: Settings; over: Settings | undefined } | null>(null);

	constructor(db: () => RehearseDB) {
		this.#db = db;
		this.#stored = new LiveQuery(
			([db]) => readSettings(db),
			() => [db()] as const
		);
	}

	/** The stored settings; undefined until they are read, or if reading them failed. */
	get settings(): Settings | undefined {
		const live = this.#stored.current;
		return this.#saved && this.#saved.over === live ? this.#saved.settings : live;
	}

	/** A sentence for the person when the settings could not be read. */
	get readError(): string | null {
		const error = this.#stored.error;
		if (error === undefined) return null;
		const reason = error instanceof Error ? error.message : String(error);
		return `Your settings could not be read (${reason}). Reload the page to try again.`;
	}

	setDeck(deckId: string, on: boolean): Promise<Settings | null> {
		return this.#save(() => setDeckEnabled(this.#db(), deckId, on));
	}

	/**
	 * Goes back to ts-fsrs's default FSRS weights and replays every card with them (the code that does
	 * it loads only when used).
	 */
	resetParameters(): Promise<Settings | null> {
		return this.#save(async () =>
			(await import('$lib/db/parameters')).applyParameters(this.#db(), undefined)
		);
	}

	async setTheme(theme: Theme): Promise<Settings | null> {
		const saved = await this.#save(() => saveSettings(this.#db(), { theme }));
		if (saved) applyTheme(saved.theme);
		return saved;
	}

	/** Sets the interview date and what goes with it, or removes it (null). */
	setInterview(plan: InterviewPlan | null): Promise<Settings | null> {
		return this.#save(() => saveSettings(this.#db(), { interview: plan }));
	}

	/** What happens to a card that becomes a leech: suspended, or only marked. */
	setLeechAction(action: 'suspend' | 'mark'): Promise<Settings | null> {
		return this.#save(() => saveSettings(this.#db(), { leechAction: action }));
	}

	setDayStart(hour: number): Promise<Settings | null> {
		return this.#save(() => saveSettings(this.#db(), { dayStartHour: hour }));
	}

	/**
	 * Saves a number typed into a box and returns the value now in force, for the box to show: the
	 * value as saved (brought into range), or the one kept when the box was empty or not a number.
	 */
	async setNumber(field: NumberSetting, text: string): Promise<number | undefined> {
		const value = numberTyped(text);
		const defaults: Partial<Record<NumberSetting, number>> = {
			backupReminderDays: BACKUP_REMINDER_DAYS,
			leechLapses: LEECH_LAPSES
		};
		const kept = this.settings?.[field] ?? defaults[field];
		if (value === null) {
			this.status =
				kept === undefined
					? `${NAMES[field]} needs a number.`
					: `${NAMES[field]} needs a number, so it stays at ${kept}.`;
			return kept;
		}
		const saved = await this.#save(() => saveSettings(this.#db(), { [field]: value } satisfies Change));
		return saved?.[field] ?? kept;
	}

	/**
	 * Runs one save. The status says "Saving…" until every save started so far is settled, then
	 * "Saved.", or the first failure among them (a later success must not hide it).
	 */
	async #save(write: () => Promise<Settings>): Promise<Settings | null> {
		this.#saving++;
		this.status = 'Saving…';
		let saved: Settings | null = null;
		try {
			saved = await write();
			this.#saved = { settings: saved, over: this.#stored.current };
		} catch (e) {
			this.#failure ??= describeStorageError(e);
		}
		if (--this.#saving === 0) {
			this.status = this.#failure ?? 'Saved.';
			this.#failure = null;
		}
		return saved;
	}
}
