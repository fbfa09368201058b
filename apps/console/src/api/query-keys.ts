/**
 * Query keys, one factory for the whole console. Keys nest, so invalidating a prefix
 * (e.g. tasks.cluster("demo")) refreshes every list and detail under it.
 */
export const queryKeys = {
  clusters: {
    all: ["clusters"] as const,
    list: () => ["clusters", "list"] as const,
    detail: (cluster: string) => ["clusters", "detail", cluster] as const,
  },
  tasks: {
    all: ["tasks"] as const,
    cluster: (cluster: string) => ["tasks", cluster] as const,
    list: (cluster: string, desiredStatus: string) => ["tasks", cluster, "list", desiredStatus] as const,
    detail: (cluster: string, taskId: string) => ["tasks", cluster, "detail", taskId] as const,
  },
  taskDefinitions: {
    all: ["task-definitions"] as const,
    families: (status: string) => ["task-definitions", "families", status] as const,
    family: (family: string) => ["task-definitions", "family", family] as const,
    revisions: (family: string, status: string) => ["task-definitions", "family", family, "revisions", status] as const,
    detail: (family: string, revision: string) => ["task-definitions", "family", family, "detail", revision] as const,
    tasks: (family: string, revision: string) => ["task-definitions", "family", family, "tasks", revision] as const,
  },
  services: {
    all: ["services"] as const,
    cluster: (cluster: string) => ["services", cluster] as const,
    list: (cluster: string) => ["services", cluster, "list"] as const,
    detail: (cluster: string, service: string) => ["services", cluster, "detail", service] as const,
    tasks: (cluster: string, service: string, status: string) => ["services", cluster, "tasks", service, status] as const,
    metrics: (cluster: string, service: string, metric: string) => ["services", cluster, "metrics", service, metric] as const,
  },
  ec2: {
    /** The default VPC with its subnets and security groups (they never change while the console runs). */
    defaultVpc: () => ["ec2", "default-vpc"] as const,
    networkInterface: (id: string) => ["ec2", "network-interface", id] as const,
  },
  infrastructure: {
    cluster: (cluster: string) => ["infrastructure", cluster] as const,
    capacityProviders: (cluster: string) => ["infrastructure", cluster, "capacity-providers"] as const,
    containerInstances: (cluster: string) => ["infrastructure", cluster, "container-instances"] as const,
    containerInstance: (cluster: string, id: string) => ["infrastructure", cluster, "container-instance", id] as const,
    scalingActivities: (cluster: string, group: string) => ["infrastructure", cluster, "scaling-activities", group] as const,
    /** The instances a cluster query language expression matches (placement editor, memberOf). */
    filter: (cluster: string, expression: string) => ["infrastructure", cluster, "filter", expression] as const,
  },
} as const;

/** Lists and detail pages refresh this often while the browser tab is visible. */
export const LIVE_INTERVAL_MS = 2000;
