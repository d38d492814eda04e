// Every page is prerendered as a shell (deck pages with their full content); a person's own data is
// read from IndexedDB in the browser.
export const prerender = true;
export const trailingSlash = 'never';
