import { DEFAULT_SETTINGS, SETTINGS_DOC_ID, type RehearseDB, type Settings } from './schema';
import { FSRS_PARAMETER_COUNT, RETENTION_MAX, RETENTION_MIN } from '$lib/scheduling/card';
import { now } from '$lib/clock';
import { LEECH_LAPSES } from '$lib/scheduling/marks';
import { DEFAULT_TARGET, planDay, type InterviewPlan } from '$lib/scheduling/interview-date';

/** A setting's name: what sync merges one by one, the last change winning. */
export type SettingField = Exclude<keyof Settings, 'id'>;

/** When each setting was last changed here (ms), for sync; a setting never changed is absent. */
export type SettingsChangedAt = Partial<Record<SettingField, number>>;

/** The `syncMeta` key of `SettingsChangedAt`. */
export const SETTINGS_CHANGED_AT = 'settingsChangedAt';

/** The tables a change to the settings writes. */
export function settingsTables(db: RehearseDB) {
	return [db.settings, db.syncMeta, db.outbox];
}

export async function readSettings(db: RehearseDB): Promise<Settings> {
	return { ...DEFAULT_SETTINGS, ...(await db.settings.get('settings')) };
}

/**
 * Saves a change to the settings, clamping each value to its allowed range. The time of the change is
 * kept per setting, and the settings go into the sync outbox, in the same transaction: sync merges
 * settings field by field, the later change winning.
 */
export async function saveSettings(db: RehearseDB, change: Partial<Omit<Settings, 'id'>>): Promise<Settings> {
	return db.transaction('rw', settingsTables(db), async () => {
		const [current, meta] = await Promise.all([readSettings(db), db.syncMeta.get(SETTINGS_CHANGED_AT)]);
		const next = sanitize({ ...current, ...change });
		const at = { ...(meta?.value as SettingsChangedAt | undefined) };
		const t = now();
		for (const k of Object.keys(change) as SettingField[]) at[k] = t;
		await Promise.all([
			db.settings.put(next),
			db.syncMeta.put({ key: SETTINGS_CHANGED_AT, value: at }),
			db.outbox.add({ id: SETTINGS_DOC_ID })
		]);
		return next;
	});
}

/**
 * Switches one deck on or off for the daily review, over the stored list as it is now: two changes
 * made close together, or in two tabs, both stay (a list rebuilt from an older copy would undo one).
 *
 * @example await setDeckEnabled(db, 'dsa-graphs', false);
 */
export async function setDeckEnabled(db: RehearseDB, deckId: string, on: boolean): Promise<Settings> {
	return db.transaction('rw', settingsTables(db), async () => {
		const others = (await readSettings(db)).disabledDecks.filter((d) => d !== deckId);
		return saveSettings(db, { disabledDecks: on ? others : [...others, deckId] });
	});
}

/** How old the last backup may get before home reminds the person, unless they set another number. */
export const BACKUP_REMINDER_DAYS = 7;

function optionalTime<K extends string>(key: K, value: number | undefined): { [k in K]?: number } {
	return Number.isFinite(value) ? ({ [key]: value } as { [k in K]: number }) : {};
}

export function sanitize(s: Settings): Settings {
	const whole = (v: number, min: number, max: number, fallback: number) =>
		Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
	return {
		id: 'settings',
		retention: Number.isFinite(s.retention)
			? Math.min(RETENTION_MAX, Math.max(RETENTION_MIN, Math.round(s.retention * 100) / 100))
			: DEFAULT_SETTINGS.retention,
		newPerDay: whole(s.newPerDay, 0, 9999, DEFAULT_SETTINGS.newPerDay),
		reviewsPerDay: whole(s.reviewsPerDay, 0, 99999, DEFAULT_SETTINGS.reviewsPerDay),
		dayStartHour: whole(s.dayStartHour, 0, 23, DEFAULT_SETTINGS.dayStartHour),
		disabledDecks: Array.isArray(s.disabledDecks) ? s.disabledDecks.filter((d) => typeof d === 'string') : [],
		theme: s.theme === 'light' || s.theme === 'dark' ? s.theme : 'system',
		...optionalTime('lastBackupAt', s.lastBackupAt),
		...(s.backupReminderDays === undefined
			? {}
			: { backupReminderDays: whole(s.backupReminderDays, 1, 365, BACKUP_REMINDER_DAYS) }),
		...optionalTime('backupReminderDismissedAt', s.backupReminderDismissedAt),
		interview: cleanPlan(s.interview),
		...(validParameters(s.fsrsParameters) ? { fsrsParameters: [...s.fsrsParameters] } : {}),
		...(s.leechLapses === undefined ? {} : { leechLapses: whole(s.leechLapses, 2, 99, LEECH_LAPSES) }),
		...(s.leechAction === 'mark' ? { leechAction: 'mark' as const } : {})
	};
}

/**
 * Whether these can be the scheduler's weights: exactly as many as ts-fsrs expects, all finite
 * numbers. Anything else (a set for another FSRS version, a damaged sync document) is dropped by
 * `sanitize`, and the defaults apply.
 */
export function validParameters(w: unknown): w is number[] {
	return Array.isArray(w) && w.length === FSRS_PARAMETER_COUNT && w.every(Number.isFinite);
}

/** An interview plan with a real date, its topics as strings, its shares in range; null otherwise. */
function cleanPlan(p: InterviewPlan | null | undefined): InterviewPlan | null {
	if (!p || typeof p !== 'object' || typeof p.date !== 'string' || planDay(p.date) === null) return null;
	const share = (v: unknown, min: number, max: number) =>
		typeof v === 'number' && Number.isFinite(v)
			? Math.min(max, Math.max(min, Math.round(v * 100) / 100))
			: null;
	const retention = share(p.retention, RETENTION_MIN, RETENTION_MAX);
	return {
		date: p.date,
		topics: Array.isArray(p.topics) ? p.topics.filter((t) => typeof t === 'string') : [],
		target: share(p.target, 0.5, 0.99) ?? DEFAULT_TARGET,
		...(retention === null ? {} : { retention })
	};
}
