/** The Account settings page's words for each setting and value, as the ECS console shows them. */
export const SETTING_LABELS: Record<string, string> = {
  containerInsights: "CloudWatch Container Insights observability",
  awsvpcTrunking: "AWSVPC Trunking",
  tagResourceAuthorization: "Resource Tagging Authorization",
  defaultLogDriverMode: "Default log driver mode",
  guardDutyActivate: "GuardDuty Runtime Monitoring",
  serviceLongArnFormat: "Amazon ECS ARN and resource ID settings: Services",
  taskLongArnFormat: "Amazon ECS ARN and resource ID settings: Tasks",
  containerInstanceLongArnFormat: "Amazon ECS ARN and resource ID settings: Container instances",
  fargateTaskRetirementWaitPeriod: "Fargate task retirement wait period",
  fargateFIPSMode: "Fargate FIPS-140 compliance",
  fargateEventWindows: "Fargate event windows",
};

export const INSIGHTS_CHOICES = [
  { value: "enhanced", label: "Container Insights with enhanced observability", description: "Recommended. Detailed health and performance metrics down to the task and container level." },
  { value: "enabled", label: "Container Insights", description: "Metrics aggregated at the cluster and service level." },
  { value: "disabled", label: "Turned off", description: "" },
];

export function settingValueText(name: string, value: string): string {
  if (name === "containerInsights") return INSIGHTS_CHOICES.find((c) => c.value === value)?.label ?? value;
  if (name === "defaultLogDriverMode") return value === "non-blocking" ? "Non-blocking" : "Blocking";
  if (name === "fargateTaskRetirementWaitPeriod") return `${value} days`;
  if (["on", "enabled"].includes(value)) return "Turned on";
  if (["off", "disabled"].includes(value)) return "Turned off";
  return value;
}
