/**
 * Which page `listEvents` asks for.
 * @example
 * const page: ListEventsOptions = { pageNumber: 1, numberOfResults: 100 };
 */
export interface ListEventsOptions {
	/** 1-based. @default 1 */
	pageNumber?: number;
	/** 1–1000. @default 100 (the server's) */
	numberOfResults?: number;
}
