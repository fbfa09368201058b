import { DEFAULT_REGION } from "@stevedore/shared";

/**
 * The region the console shows and builds Availability Zones from: the one the server serves,
 * which it writes into the page's <meta name="aws-region">.
 */
export const REGION = document.querySelector<HTMLMetaElement>('meta[name="aws-region"]')?.content || DEFAULT_REGION;
