/** Hands a file to the browser's download, under its name. */
export function downloadFile(file: Blob, name: string): void {
	const url = URL.createObjectURL(file);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Text as a downloaded file (UTF-8). */
export function downloadText(name: string, text: string, type: string): void {
	downloadFile(new Blob([text], { type: `${type};charset=utf-8` }), name);
}
