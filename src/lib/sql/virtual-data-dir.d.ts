declare module 'virtual:rehearse/sql-data-dir' {
	/** The URL of the pre-initialised PostgreSQL data directory (datadir.ts), built with the app. */
	const url: string;
	export default url;
}
