/**
 * The Web Lock a sync holds while it runs (in any tab of this origin). Compaction (db/compact-start.ts)
 * runs no round while it is held: rows sent loose by a first sync and packed meanwhile would be sent again.
 */
export const SYNC_LOCK = 'rehearse-sync';
