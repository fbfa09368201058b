/** The AWS APIs are served on the console's own origin (the Vite dev server proxies POST / to it). */
export const endpoint = (): string => window.location.origin;
