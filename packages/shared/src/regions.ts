/** The availability zones of a region, as EC2 names them. Three per region, as most regions have. */
export function availabilityZones(region: string): string[] {
  return ["a", "b", "c"].map((suffix) => `${region}${suffix}`);
}

export const DEFAULT_REGION = "us-east-1";
/** The account every resource belongs to: AWS's documentation example account, so ARNs read as in the docs. */
export const DEFAULT_ACCOUNT_ID = "123456789012";
