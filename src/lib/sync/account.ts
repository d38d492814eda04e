// The account sync uses, remembered in localStorage so that a page can tell, without loading any sync
// code, whether to load it: a few bytes on every page's first load, the rest only when signed in.

/** The server and user name; never the password (the server's session cookie stands for it). */
export interface Account {
	server: string;
	user: string;
}

export const ACCOUNT_KEY = 'rehearse.sync';

/** Whether an account is remembered here. */
export function hasAccount(): boolean {
	try {
		return localStorage.getItem(ACCOUNT_KEY) !== null;
	} catch {
		return false;
	}
}

export function readAccount(): Account | null {
	try {
		const raw = localStorage.getItem(ACCOUNT_KEY);
		const value = raw ? (JSON.parse(raw) as Partial<Account>) : null;
		return typeof value?.server === 'string' && typeof value.user === 'string'
			? { server: value.server, user: value.user }
			: null;
	} catch {
		return null;
	}
}
