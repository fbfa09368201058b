import { DEFAULT_REGION } from "@stevedore/shared";

/**
 * The region the console shows and builds Availability Zones from. Stevedore serves one region;
 * the ARNs the server returns name it, so pages that have an ARN at hand may prefer regionFromArn.
 */
export const REGION = DEFAULT_REGION;
