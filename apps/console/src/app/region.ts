import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "@stevedore/shared";

/**
 * The region the console shows and builds Availability Zones from: the one the server serves,
 * which it writes into the page's <meta name="aws-region">.
 */
export const REGION = document.querySelector<HTMLMetaElement>('meta[name="aws-region"]')?.content || DEFAULT_REGION;

/** The signed-in account (12 digits), which the server writes into <meta name="aws-account">. */
export const ACCOUNT_ID = document.querySelector<HTMLMetaElement>('meta[name="aws-account"]')?.content || DEFAULT_ACCOUNT_ID;
